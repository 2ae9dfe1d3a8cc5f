namespace OnshiDevice.Simulators;

/// <summary>
/// Card credentials issued once per label: RSA key generation is slow, and one label must always
/// give the same object (hence the same bytes) however many threads ask at once.
/// </summary>
internal sealed class IssuedOnce<T>
{
    private readonly Dictionary<string, Lazy<T>> _issued = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public T GetOrIssue(string label, Func<T> issue)
    {
        Lazy<T> entry;
        lock (_gate)
        {
            if (!_issued.TryGetValue(label, out entry!))
            {
                entry = new Lazy<T>(issue);
                _issued.Add(label, entry);
            }
        }

        return entry.Value;
    }
}
