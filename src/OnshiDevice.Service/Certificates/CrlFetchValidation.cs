using Microsoft.Extensions.Options;
using OnshiDevice.Pki;

namespace OnshiDevice.Service.Certificates;

/// <summary>Stops the service at start with the line <see cref="OnshiDevice.Pki.Fetch.CrlFetchOptions.Problem"/> gives, naming the setting.</summary>
internal sealed class CrlFetchValidation : IValidateOptions<PkiOptions>
{
    public ValidateOptionsResult Validate(string? name, PkiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.CrlFetch.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
