using System.Security.Cryptography;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Link;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// The check-in settings as read at start: the flow's options (OnshiDevice:CheckIn), the card-face issuer key if
/// configured, and the face readers' link timings (OnshiDevice:FaceReaderLink).
/// </summary>
public sealed record CheckInSetup(CheckInOptions Options, RSA? CardFaceIssuerKey, FaceReaderLinkOptions Link);
