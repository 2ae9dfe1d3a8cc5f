namespace OnshiDevice.TestSupport.Docs;

/// <summary>
/// One ```sh block of a document with the way it is tested, declared on the line before the fence:
/// <c>&lt;!-- docs-test: KIND [option=value ...] --&gt;</c> (docs/CONTRIBUTING-DOCS.md lists the kinds).
/// </summary>
public sealed record DocumentedBlock(string Document, int Line, DocumentedBlockKind Kind, IReadOnlyList<string> Commands, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>What a failure message names: the document and the block's first line.</summary>
    public override string ToString() => $"{Document}:{Line}";
}
