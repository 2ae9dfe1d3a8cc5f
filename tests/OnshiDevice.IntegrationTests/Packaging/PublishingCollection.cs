namespace OnshiDevice.IntegrationTests.Packaging;

/// <summary>
/// The tests that publish the Release build (scripts/install-service, scripts/package --no-build) run one after the
/// other: two publishes of the same projects at once write the same obj/ files.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PublishingCollection
{
    public const string Name = "Publishes the Release build";
}
