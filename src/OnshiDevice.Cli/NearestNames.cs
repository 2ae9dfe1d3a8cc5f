namespace OnshiDevice.Cli;

/// <summary>The names a mistyped one was probably meant to be: fewest edits (a swap of two letters counts as one), two at most.</summary>
internal static class NearestNames
{
    private const int MostEdits = 2;

    /// <summary>The candidates nearest to <paramref name="typed"/> (case-insensitive), in their order; empty when none is near.</summary>
    public static IReadOnlyList<string> Of(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var scored = candidates
            .Distinct(StringComparer.Ordinal)
            .Select(candidate => (Candidate: candidate, Edits: Edits(typed.ToUpperInvariant(), candidate.ToUpperInvariant())))
            // A short word is "near" almost anything within two edits; never more edits than half its letters.
            .Where(scoredCandidate => scoredCandidate.Edits <= Math.Min(MostEdits, Math.Max(1, typed.TrimStart('-').Length / 2)))
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var fewest = scored.Min(scoredCandidate => scoredCandidate.Edits);
        return scored.Where(scoredCandidate => scoredCandidate.Edits == fewest).Select(scoredCandidate => scoredCandidate.Candidate).ToList();
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
    internal static int Edits(string from, string to)
    {
        var distance = new int[from.Length + 1, to.Length + 1];
        for (var i = 0; i <= from.Length; i++)
        {
            distance[i, 0] = i;
        }

        for (var j = 0; j <= to.Length; j++)
        {
            distance[0, j] = j;
        }

        for (var i = 1; i <= from.Length; i++)
        {
            for (var j = 1; j <= to.Length; j++)
            {
                var cost = from[i - 1] == to[j - 1] ? 0 : 1;
                distance[i, j] = Math.Min(Math.Min(distance[i - 1, j] + 1, distance[i, j - 1] + 1), distance[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1])
                {
                    distance[i, j] = Math.Min(distance[i, j], distance[i - 2, j - 2] + 1);
                }
            }
        }

        return distance[from.Length, to.Length];
    }
}
