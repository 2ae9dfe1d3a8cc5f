using System.Net;
using Microsoft.Extensions.Configuration;
using OnshiDevice.Contracts;
using OnshiDevice.Server.Listeners;

namespace OnshiDevice.IntegrationTests.Listeners;

/// <summary>The listener settings and the address rules, on stated machines (root or not, Windows or not).</summary>
public sealed class ListenerPlanTests
{
    private static readonly ListenerEnvironment LinuxRoot = Linux(isRoot: true);
    private static readonly ListenerEnvironment LinuxDeveloper = Linux(isRoot: false, runtimeDirectory: "/run/user/1000");
    private static readonly ListenerEnvironment Windows = new(true, false, _ => null, _ => false, _ => null);

    [Fact]
    public void As_root_the_default_is_the_system_socket_owner_and_group_only()
    {
        var plan = Plan(LinuxRoot, simulate: false);

        var socket = Assert.Single(plan.Listeners);
        Assert.Equal(ListenerKind.Socket, socket.Kind);
        Assert.Equal(LocalEndpoints.SystemSocketPath, socket.SocketPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, socket.SocketMode);
        Assert.Null(socket.SocketGroup);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void A_service_user_whose_runtime_folder_exists_gets_the_system_socket()
    {
        var serviceUser = Linux(isRoot: false, writable: path => path == "/run/onshi-device");

        Assert.Equal(LocalEndpoints.SystemSocketPath, Assert.Single(Plan(serviceUser, simulate: false).Listeners).SocketPath);
    }

    [Fact]
    public void A_developer_gets_a_socket_in_the_own_runtime_folder_which_the_cli_finds_too()
    {
        var socket = Assert.Single(Plan(LinuxDeveloper, simulate: false).Listeners);

        Assert.Equal("/run/user/1000/onshi-device/onshi-device.sock", socket.SocketPath);
        Assert.Equal(socket.SocketPath, LocalEndpoints.DefaultClientSocketPath(LinuxDeveloper.Variable, path => path == socket.SocketPath));
        Assert.Equal(LocalEndpoints.SystemSocketPath, LocalEndpoints.DefaultClientSocketPath(LinuxDeveloper.Variable, _ => false));
    }

    [Fact]
    public void Without_a_default_path_the_setting_is_named()
    {
        var refused = Refused(Linux(isRoot: false), simulate: false);

        Assert.Contains("set OnshiDevice:Listeners:Socket to an absolute path", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void On_windows_the_default_is_the_named_pipe_and_a_socket_setting_is_refused()
    {
        var pipe = Assert.Single(Plan(Windows, simulate: false).Listeners);

        Assert.Equal(ListenerKind.Pipe, pipe.Kind);
        Assert.Equal(LocalEndpoints.PipeName, pipe.PipeName);
        Assert.Equal("http://pipe:/onshi-device", pipe.Display);
        Assert.Contains("use the named pipe", Refused(Windows, simulate: false, ("OnshiDevice:Listeners:Socket", "/tmp/x.sock")), StringComparison.Ordinal);
        Assert.Contains("use the Unix socket", Refused(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:Pipe", "onshi")), StringComparison.Ordinal);
    }

    [Fact]
    public void Loopback_is_on_under_simulate_and_off_otherwise()
    {
        var simulated = Plan(LinuxRoot, simulate: true);
        var real = Plan(LinuxRoot, simulate: false);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 50151), simulated.Listeners.Single(listener => listener.Kind == ListenerKind.Loopback).EndPoint);
        Assert.Empty(simulated.Warnings);
        Assert.DoesNotContain(real.Listeners, listener => listener.Kind == ListenerKind.Loopback);
        Assert.DoesNotContain(Plan(LinuxRoot, simulate: true, ("OnshiDevice:Listeners:Loopback", "off")).Listeners, listener => listener.Kind == ListenerKind.Loopback);
    }

    [Fact]
    public void Loopback_set_without_simulate_is_served_with_a_warning_that_any_local_user_can_call()
    {
        var plan = Plan(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:Loopback", "http://[::1]:6000"));

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 6000), plan.Listeners.Single(listener => listener.Kind == ListenerKind.Loopback).EndPoint);
        Assert.Contains("any local user", Assert.Single(plan.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:50151", "not a loopback address")]
    [InlineData("http://192.168.1.10:50151", "not a loopback address")]
    [InlineData("http://clinic-pc:50151", "not a loopback address")]
    [InlineData("https://127.0.0.1:50151", "must look like")]
    [InlineData("127.0.0.1:50151", "must look like")]
    [InlineData("http://127.0.0.1:50151/path", "must look like")]
    public void A_loopback_setting_that_is_not_loopback_h2c_is_refused(string url, string expected)
    {
        Assert.Contains(expected, Refused(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:Loopback", url)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kestrel:Endpoints:x:Url", "http://0.0.0.0:5000", "Kestrel:Endpoints:x:Url=http://0.0.0.0:5000 would listen on a network address")]
    [InlineData("Kestrel:Endpoints:x:Url", "http://127.0.0.1:5000", "Kestrel:Endpoints:x:Url=http://127.0.0.1:5000 would listen beside the planned listeners")]
    [InlineData("Kestrel:Endpoints:x:Url", "http://*:5000", "would listen on a network address")]
    [InlineData("Kestrel:Endpoints:x:Protocols", "Http2", "Kestrel:Endpoints:x would add a listener")]
    [InlineData("urls", "http://+:80", "the host setting urls=http://+:80")]
    [InlineData("http_ports", "8080", "the host setting http_ports=8080 (ASPNETCORE_HTTP_PORTS")]
    [InlineData("https_ports", "8443", "the host setting https_ports=8443")]
    public void Any_other_binding_is_refused_naming_it(string key, string value, string expected)
    {
        var refused = Refused(LinuxRoot, simulate: true, (key, value));

        Assert.Contains(expected, refused, StringComparison.Ordinal);
        Assert.Contains("the service listens only where OnshiDevice:Listeners says", refused, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OnshiDevice:Listen", "http://127.0.0.1:50151")]
    [InlineData("OnshiDevice:AllowLan", "false")]
    public void The_retired_keys_are_refused_naming_the_new_ones(string key, string value)
    {
        var refused = Refused(LinuxRoot, simulate: false, (key, value));

        Assert.StartsWith("OnshiDevice:Listen and OnshiDevice:AllowLan are replaced by OnshiDevice:Listeners", refused, StringComparison.Ordinal);
        Assert.Contains("OnshiDevice:Listeners:Socket", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lan_listener_needs_the_clinic_ca_and_is_never_plain_http()
    {
        Assert.Contains("needs the clinic CA", Refused(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:Lan", "http://0.0.0.0:50443")), StringComparison.Ordinal);
        Assert.Contains("needs the clinic CA", Refused(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:Lan:Url", "https://192.168.1.10:50443")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lan_listener_is_planned_when_its_tls_set_up_is_given()
    {
        var configuration = Configuration(("OnshiDevice:Listeners:Lan:Url", "https://192.168.1.10:50443"));

        var plan = ListenerPlan.From(configuration, simulate: false, LinuxRoot, configureLan: _ => { });

        var lan = plan.Listeners.Single(listener => listener.Kind == ListenerKind.Lan);
        Assert.Equal("https://192.168.1.10:50443", lan.Display);
        Assert.True(plan.Planned("https://192.168.1.10:50443"));
        Assert.False(plan.Planned("http://192.168.1.10:50443"));
        Assert.Contains("https://", Assert.Throws<ListenerRefusedException>(
            () => ListenerPlan.From(Configuration(("OnshiDevice:Listeners:Lan:Url", "http://192.168.1.10:50443")), false, LinuxRoot, _ => { })).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0660", 0x1B0)]
    [InlineData("660", 0x1B0)]
    [InlineData("0600", 0x180)]
    [InlineData("0664", 0x1B4)]
    public void The_socket_mode_is_octal(string setting, int expected)
    {
        var socket = Assert.Single(Plan(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:SocketMode", setting)).Listeners);

        Assert.Equal((UnixFileMode)expected, socket.SocketMode);
    }

    [Theory]
    [InlineData("0666", "every local user")]
    [InlineData("0662", "every local user")]
    [InlineData("0460", "owner unable to connect")]
    [InlineData("rw-rw----", "octal file mode")]
    [InlineData("1777", "octal file mode")]
    [InlineData("0668", "octal file mode")]
    public void A_socket_mode_that_opens_the_socket_to_everyone_or_is_not_a_mode_is_refused(string setting, string expected)
    {
        Assert.Contains(expected, Refused(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:SocketMode", setting)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_socket_group_is_a_name_the_system_knows_or_a_number()
    {
        var machine = Linux(isRoot: true, groups: name => name == "onshi" ? 4711u : null);

        Assert.Equal(new SocketGroup("onshi", 4711), Assert.Single(Plan(machine, simulate: false, ("OnshiDevice:Listeners:SocketGroup", "onshi")).Listeners).SocketGroup);
        Assert.Equal(new SocketGroup("815", 815), Assert.Single(Plan(machine, simulate: false, ("OnshiDevice:Listeners:SocketGroup", "815")).Listeners).SocketGroup);
        Assert.Contains("which this system does not know", Refused(machine, simulate: false, ("OnshiDevice:Listeners:SocketGroup", "reception")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_listener_off_is_refused()
    {
        var refused = Refused(LinuxRoot, simulate: true, ("OnshiDevice:Listeners:Socket", "off"), ("OnshiDevice:Listeners:Loopback", "off"));

        Assert.Contains("every listener is off", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_socket_path_is_refused()
    {
        Assert.Contains("absolute path", Refused(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:Socket", "onshi.sock")), StringComparison.Ordinal);
    }

    [Fact]
    public void Planned_matches_the_addresses_kestrel_reports_for_the_plan_only()
    {
        var plan = Plan(LinuxRoot, simulate: false, ("OnshiDevice:Listeners:Socket", "/tmp/a/onshi.sock"), ("OnshiDevice:Listeners:Loopback", "http://127.0.0.1:0"));

        Assert.True(plan.Planned("http://unix:/tmp/a/onshi.sock"));
        Assert.True(plan.Planned("http://127.0.0.1:41234"));
        Assert.False(plan.Planned("http://unix:/tmp/b/onshi.sock"));
        Assert.False(plan.Planned("http://0.0.0.0:41234"));
        Assert.False(plan.Planned("http://[::]:41234"));
        Assert.False(plan.Planned("https://127.0.0.1:41234"));
        Assert.False(plan.Planned("http://localhost:5000"));
    }

    private static ListenerEnvironment Linux(bool isRoot, string? runtimeDirectory = null, Func<string, bool>? writable = null, Func<string, uint?>? groups = null) =>
        new(false, isRoot, name => name == "XDG_RUNTIME_DIR" ? runtimeDirectory : null, writable ?? (_ => false), groups ?? (_ => null));

    private static ListenerPlan Plan(ListenerEnvironment environment, bool simulate, params (string Key, string Value)[] settings) =>
        ListenerPlan.From(Configuration(settings), simulate, environment);

    private static string Refused(ListenerEnvironment environment, bool simulate, params (string Key, string Value)[] settings) =>
        Assert.Throws<ListenerRefusedException>(() => Plan(environment, simulate, settings)).Message;

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value))).Build();
}
