using Grpc.Core;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Validation;
using OnshiDevice.Simulators.Control.V1;
using OnshiDevice.Simulators.PcSc;

namespace OnshiDevice.Simulators.Control;

/// <summary>
/// NOT PART OF PRODUCTION. The gRPC face of <see cref="SimulatorControl"/> (onshi.device.simulator.v1.Simulator),
/// mapped only by <c>onshi-device --simulate</c>. Bounds every field before anything changes; errors go through the
/// service's <see cref="ErrorMapper"/> like every other call's.
/// </summary>
public sealed class SimulatorControlService : Simulator.SimulatorBase
{
    private readonly SimulatorControl _control;

    public SimulatorControlService(SimulatorControl control)
    {
        _control = control;
    }

    public override Task<InsertCardResponse> InsertCard(InsertCardRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reader = RequestValidator.Reader(request.Reader);
        return Task.FromResult(new InsertCardResponse { Reader = ToContract(_control.InsertCard(reader, Card(request.Card))) });
    }

    public override Task<RemoveCardResponse> RemoveCard(RemoveCardRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new RemoveCardResponse { Reader = ToContract(_control.RemoveCard(RequestValidator.Reader(request.Reader))) });
    }

    public override Task<SwapCardResponse> SwapCard(SwapCardRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reader = RequestValidator.Reader(request.Reader);
        return Task.FromResult(new SwapCardResponse { Reader = ToContract(_control.SwapCard(reader, Card(request.Card))) });
    }

    public override Task<AddReaderResponse> AddReader(AddReaderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new AddReaderResponse { Reader = ToContract(_control.AddReader(RequestValidator.Reader(request.Reader))) });
    }

    public override Task<RemoveReaderResponse> RemoveReader(RemoveReaderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        _control.RemoveReader(RequestValidator.Reader(request.Reader));
        return Task.FromResult(new RemoveReaderResponse());
    }

    public override Task<InjectFaultResponse> InjectFault(InjectFaultRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fault = request.Fault switch
        {
            Fault.CardMute => SimulatedFault.CardMute,
            Fault.ReaderUnavailable => SimulatedFault.ReaderUnavailable,
            Fault.TransmitFailure => SimulatedFault.TransmitFailure,
            Fault.PcscStopped => SimulatedFault.PcscStopped,
            _ => throw new RequestValidationException("fault", "A fault (CARD_MUTE, READER_UNAVAILABLE, TRANSMIT_FAILURE or PCSC_STOPPED) is required."),
        };
        _control.InjectFault(fault, request.Reader.Length == 0 ? null : RequestValidator.Reader(request.Reader));
        return Task.FromResult(new InjectFaultResponse());
    }

    public override Task<ClearFaultsResponse> ClearFaults(ClearFaultsRequest request, ServerCallContext context)
    {
        _control.ClearFaults();
        return Task.FromResult(new ClearFaultsResponse());
    }

    public override Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context)
    {
        var state = _control.State();
        var response = new GetStateResponse { TransmitFailure = state.TransmitFailure, PcscStopped = state.PcscStopped };
        response.Readers.AddRange(state.Readers.Select(ToContract));
        return Task.FromResult(response);
    }

    private static string Card(string card)
    {
        if (string.IsNullOrEmpty(card))
        {
            throw new RequestValidationException("card", "A card name is required.");
        }

        return card.Length <= SimulatorControl.MaxCardNameLength
            ? card
            : throw new RequestValidationException("card", $"A card name is at most {SimulatorControl.MaxCardNameLength} characters.");
    }

    private static V1.SimulatedReader ToContract(SimulatedReaderState reader) => new()
    {
        Name = reader.Name,
        Card = reader.Card ?? string.Empty,
        Condition = reader.Condition switch
        {
            SimulatedReaderCondition.Working => ReaderCondition.Working,
            SimulatedReaderCondition.CardMute => ReaderCondition.CardMute,
            SimulatedReaderCondition.Unavailable => ReaderCondition.Unavailable,
            _ => throw new ArgumentOutOfRangeException(nameof(reader), reader.Condition, "Unknown reader condition."),
        },
    };
}
