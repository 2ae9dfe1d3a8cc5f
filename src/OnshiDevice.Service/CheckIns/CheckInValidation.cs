using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OnshiDevice.Service.CheckIns;

/// <summary>Refuses face-reader and check-in settings the service cannot work with, each problem one sentence naming its setting.</summary>
internal sealed class CheckInValidation(IConfiguration? configuration) : IValidateOptions<OnshiDeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, OnshiDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = CheckInConfiguration.Problems(options.FaceReaders, CheckInConfiguration.ReadOptions(configuration), CheckInConfiguration.ReadLinkOptions(configuration));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
