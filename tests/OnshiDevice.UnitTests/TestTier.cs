// The tier of every test here, as a trait: test explorers and `dotnet test --filter Tier=Unit` select by it.
[assembly: AssemblyTrait("Tier", "Unit")]
