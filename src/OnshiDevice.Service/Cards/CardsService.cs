using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Hpki;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Validation;

namespace OnshiDevice.Service.Cards;

/// <summary>
/// The Cards RPCs. Each validates its request, then runs as one card transaction through
/// <see cref="CardCallRunner"/>; calls that send a PIN end with a card reset. The kind in the
/// request (JPKI or HPKI) picks the card application.
/// </summary>
public sealed partial class CardsService : Contracts.V1.Cards.CardsBase
{
    private const string AllowJpkiSigningCertificateReadSetting = OnshiDeviceOptions.SectionName + ":" + nameof(OnshiDeviceOptions.AllowJpkiSigningCertificateRead);

    private readonly CardCallRunner _runner;
    private readonly OnshiDeviceOptions _options;
    private readonly ILogger<CardsService> _logger;

    public CardsService(CardCallRunner runner, IOptions<OnshiDeviceOptions> options, ILogger<CardsService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _options = options.Value;
        _logger = logger;
    }

    public override Task<IdentifyCardResponse> IdentifyCard(IdentifyCardRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reader = RequestValidator.Reader(request.Reader);
        return _runner.RunAsync(reader, context, CardCallEnd.LeaveCard, (session, token) =>
        {
            var atr = session.GetAtr();
            var identity = CardIdentifier.Identify(session.Channel, token);
            LogIdentified(reader, identity.Type);
            return new IdentifyCardResponse
            {
                CardType = ContractMapping.ToContract(identity.Type),
                Atr = ByteString.CopyFrom(atr),
                Applications = { identity.Applications },
            };
        });
    }

    public override Task<GetPinStatusResponse> GetPinStatus(GetPinStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reader = RequestValidator.Reader(request.Reader);
        var kind = RequestValidator.PinKindOf(request.PinKind, "pin_kind");
        return _runner.RunAsync(reader, context, CardCallEnd.LeaveCard, (session, token) =>
        {
            var status = ContractMapping.HpkiApplicationOf(kind) is { } application
                ? HpkiCard.Open(session.Channel, application, token).GetPinStatus(token)
                : MyNumberCard.Open(session.Channel, token).GetPinStatus(ContractMapping.ToDomain(kind), token);
            return new GetPinStatusResponse { Status = ContractMapping.ToContract(kind, status) };
        });
    }

    public override Task<VerifyPinResponse> VerifyPin(VerifyPinRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reader = RequestValidator.Reader(request.Reader);
        var kind = RequestValidator.PinKindOf(request.PinKind, "pin_kind");
        var pin = RequestValidator.Pin(kind, request.Pin);
        var policy = request.AllowLastTry ? LastTryPolicy.Allow : LastTryPolicy.Refuse;
        return _runner.RunAsync(reader, context, CardCallEnd.ResetCard, (session, token) =>
        {
            var status = ContractMapping.HpkiApplicationOf(kind) is { } application
                ? HpkiCard.Open(session.Channel, application, token).VerifyPin(pin, policy, token)
                : MyNumberCard.Open(session.Channel, token).VerifyPin(ContractMapping.ToDomain(kind), pin, policy, token);
            LogVerified(reader, kind);
            return new VerifyPinResponse { Status = ContractMapping.ToContract(kind, status) };
        });
    }

    public override Task<ReadCertificateResponse> ReadCertificate(ReadCertificateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reader = RequestValidator.Reader(request.Reader);
        var kind = RequestValidator.CertificateKindOf(request.Kind);
        var needsPassword = kind == CertificateKind.JpkiSigning;
        if (needsPassword && !_options.AllowJpkiSigningCertificateRead)
        {
            // Checked before the password is looked at or the card touched: a refused call sends nothing anywhere.
            throw new DisabledByConfigurationException(
                $"Reading the JPKI signing certificate is turned off (it names the holder and the eligibility check never needs it); set {AllowJpkiSigningCertificateReadSetting}=true to allow it.",
                AllowJpkiSigningCertificateReadSetting);
        }

        string? password = null;
        if (needsPassword)
        {
            password = RequestValidator.Pin(PinKind.JpkiSigningPassword, request.Pin);
        }
        else
        {
            RequestValidator.NoPin(request.Pin, "Only the JPKI_SIGNING certificate needs a PIN; send none for this one.");
        }

        var policy = request.AllowLastTry ? LastTryPolicy.Allow : LastTryPolicy.Refuse;
        var end = needsPassword ? CardCallEnd.ResetCard : CardCallEnd.LeaveCard;
        return _runner.RunAsync(reader, context, end, (session, token) =>
        {
            var der = ContractMapping.HpkiApplicationOf(kind) is { } application
                ? HpkiCard.Open(session.Channel, application, token).ReadCertificate(token)
                : ReadJpkiCertificate(session, kind, password, policy, token);
            LogCertificateRead(reader, kind, der.Length);
            return new ReadCertificateResponse { Kind = kind, Der = ByteString.CopyFrom(der) };
        });
    }

    private static byte[] ReadJpkiCertificate(CardSession session, CertificateKind kind, string? signingPassword, LastTryPolicy policy, CancellationToken token)
    {
        var card = MyNumberCard.Open(session.Channel, token);
        if (signingPassword is not null)
        {
            card.VerifyPin(JpkiPin.SigningPassword, signingPassword, policy, token);
        }

        return card.ReadCertificate(ContractMapping.ToDomain(kind), token);
    }

    public override Task<SignResponse> Sign(SignRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reader = RequestValidator.Reader(request.Reader);
        var key = RequestValidator.KeyKindOf(request.Key);
        var digest = RequestValidator.Sha256Digest(request.Sha256Digest);
        var pinKind = ContractMapping.PinFor(key);
        var pin = RequestValidator.Pin(pinKind, request.Pin);
        var policy = request.AllowLastTry ? LastTryPolicy.Allow : LastTryPolicy.Refuse;
        return _runner.RunAsync(reader, context, CardCallEnd.ResetCard, (session, token) =>
        {
            byte[] signature;
            if (ContractMapping.HpkiApplicationOf(key) is { } application)
            {
                // The signing application consumes its verified state with each signature: VERIFY right before.
                var hpki = HpkiCard.Open(session.Channel, application, token);
                hpki.VerifyPin(pin, policy, token);
                signature = hpki.SignDigest(digest, token);
            }
            else
            {
                var card = MyNumberCard.Open(session.Channel, token);
                card.VerifyPin(ContractMapping.ToDomain(pinKind), pin, policy, token);
                signature = card.SignDigest(ContractMapping.ToDomain(key), digest, token);
            }

            LogSigned(reader, key);
            return new SignResponse { Signature = ByteString.CopyFrom(signature) };
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Card on {Reader} identified as {CardType}")]
    private partial void LogIdentified(string reader, OnshiDevice.Cards.CardType cardType);

    [LoggerMessage(Level = LogLevel.Information, Message = "{PinKind} verified on {Reader}")]
    private partial void LogVerified(string reader, PinKind pinKind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {CertificateKind} ({Length} bytes) from {Reader}")]
    private partial void LogCertificateRead(string reader, CertificateKind certificateKind, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed a digest with {KeyKind} on {Reader}")]
    private partial void LogSigned(string reader, KeyKind keyKind);
}
