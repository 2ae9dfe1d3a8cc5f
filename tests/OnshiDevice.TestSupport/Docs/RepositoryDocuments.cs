namespace OnshiDevice.TestSupport.Docs;

/// <summary>Every Markdown file of the repository a reader may open: build outputs, packages and installed tools left out.</summary>
public static class RepositoryDocuments
{
    private static readonly string[] Skipped = ["node_modules", "bin", "obj", ".git", "TestResults", "dist"];

    /// <summary>The documents' paths relative to the repository root, in a stable order.</summary>
    public static IEnumerable<string> All()
    {
        var pending = new Stack<string>([RepositoryFolder.Root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var file in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
            {
                yield return Path.GetRelativePath(RepositoryFolder.Root, file);
            }

            foreach (var child in Directory.GetDirectories(folder).Where(child => !Skipped.Contains(Path.GetFileName(child), StringComparer.Ordinal)))
            {
                pending.Push(child);
            }
        }
    }
}
