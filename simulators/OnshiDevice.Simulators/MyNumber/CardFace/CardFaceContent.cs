namespace OnshiDevice.Simulators.MyNumber.CardFace;

/// <summary>The facts a simulated card face carries, as bytes in their on-card forms (ASCII dates, PNG images, JPEG 2000 photo).</summary>
internal sealed record CardFaceContent(byte[] BirthDate, byte[] Sex, byte[] NameImage, byte[] AddressImage, byte[] Photo, byte[] Expiry, byte[] SecurityCodeImage);
