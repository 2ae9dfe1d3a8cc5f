using System.Security.Cryptography;
using OnshiDevice.FaceAuth.CheckIn;

namespace OnshiDevice.Service.CheckIns;

/// <summary>The check-in settings as read at start (OnshiDevice:CheckIn): the flow's options and the card-face issuer key, if configured.</summary>
public sealed record CheckInSetup(CheckInOptions Options, RSA? CardFaceIssuerKey);
