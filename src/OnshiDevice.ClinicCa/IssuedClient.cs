namespace OnshiDevice.ClinicCa;

/// <summary>What <c>client issue</c> wrote: the register entry and the files to carry to the client's PC.</summary>
public sealed record IssuedClient(ClientRecord Record, ClientFiles Files);
