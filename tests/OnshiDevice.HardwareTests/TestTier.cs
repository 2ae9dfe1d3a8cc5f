// The tier of every test here, as a trait: test explorers and `dotnet test --filter Tier=Hardware` select by it.
[assembly: AssemblyTrait("Tier", "Hardware")]
