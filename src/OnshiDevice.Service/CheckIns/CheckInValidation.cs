using Microsoft.Extensions.Options;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// Refuses face-reader and check-in settings the service cannot work with, each problem one sentence naming its setting.
/// It judges the one <see cref="CheckInSetup"/> the service runs with, so the settings are read once, and a card-face
/// key file it cannot read stops the service at its first look at the options like any other setting.
/// </summary>
internal sealed class CheckInValidation(CheckInSetup setup) : IValidateOptions<OnshiDeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, OnshiDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = CheckInConfiguration.Problems(options.FaceReaders, setup.Options, setup.Link);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
