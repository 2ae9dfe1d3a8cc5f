namespace OnshiDevice.Service.CheckIns;

/// <summary>One face-authentication reader, bound from OnshiDevice:FaceReaders:&lt;id&gt; (docs/CHECK-IN-FLOW.md, "Configuration").</summary>
public sealed class FaceReaderSettings
{
    /// <summary>The serial port the reader is cabled to: a device path (/dev/ttyACM0) or a COM name (COM3). Required.</summary>
    public string SerialPort { get; set; } = "";

    /// <summary>The baud rate of the port; 9600 to 921600, default 115200. A USB virtual COM port ignores it.</summary>
    public int BaudRate { get; set; } = 115_200;

    /// <summary>The PC/SC reader of the reader's card slot, as PC/SC names it (`onshi readers` lists them). Required.</summary>
    public string CardSlotReader { get; set; } = "";
}
