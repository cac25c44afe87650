using Microsoft.Extensions.Options;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Signing;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.Mavlink;

/// <summary>
/// The MAVLink stage's configuration, bound from the <c>RafeCast:Mavlink</c> section, e.g.
/// <c>{ "Connections": ["udpin:0.0.0.0:14550", "udpout:127.0.0.1:14551"], "SigningPassphrase": "..." }</c>.
/// </summary>
public sealed class MavlinkOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RafeCast:Mavlink";

    /// <summary>Connection strings of the links to open (see <see cref="MavlinkConnectionString.AcceptedForms"/>).</summary>
    public IList<string> Connections { get; init; } = [];

    /// <summary>Our system id, 1 to 255 (default 255, a ground station).</summary>
    public int SystemId { get; set; } = 255;

    /// <summary>Our component id, 1 to 255 (default 190, mission planner).</summary>
    public int ComponentId { get; set; } = 190;

    /// <summary>Seconds between our heartbeats.</summary>
    public double HeartbeatIntervalSeconds { get; set; } = 1;

    /// <summary>Seconds of silence after which a vehicle's link counts as lost.</summary>
    public double LinkLossTimeoutSeconds { get; set; } = 3.5;

    /// <summary>Forward frames between the links.</summary>
    public bool Forwarding { get; set; } = true;

    /// <summary>Signing key as 64 hex digits (or use <see cref="SigningKeyFile"/> or <see cref="SigningPassphrase"/>; at most one).</summary>
    public string? SigningKeyHex { get; set; }

    /// <summary>File holding the 32-byte key (raw or hex).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Passphrase whose SHA-256 is the key.</summary>
    public string? SigningPassphrase { get; set; }

    public MavlinkSigningPolicy SigningPolicy { get; set; } = MavlinkSigningPolicy.AcceptAll;

    /// <summary>Folder for one .tlog per link; unset for no recording.</summary>
    public string? RecordDirectory { get; set; }

    /// <summary>The station options these settings describe (the key is read here).</summary>
    public MavlinkStationOptions ToStationOptions() => new()
    {
        SystemId = (byte)SystemId,
        ComponentId = (byte)ComponentId,
        HeartbeatInterval = TimeSpan.FromSeconds(HeartbeatIntervalSeconds),
        LinkLossTimeout = TimeSpan.FromSeconds(LinkLossTimeoutSeconds),
        Forwarding = Forwarding,
        SigningKey = SigningKeyHex is not null ? MavlinkSigningKey.FromHex(SigningKeyHex)
            : SigningKeyFile is not null ? MavlinkSigningKey.FromFile(SigningKeyFile)
            : SigningPassphrase is not null ? MavlinkSigningKey.FromPassphrase(SigningPassphrase)
            : null,
        SigningPolicy = SigningPolicy,
        RecordDirectory = RecordDirectory,
    };
}

/// <summary>Checks <see cref="MavlinkOptions"/>; every error names its key under <c>RafeCast:Mavlink</c>.</summary>
public sealed class MavlinkOptionsValidator : IValidateOptions<MavlinkOptions>
{
    public ValidateOptionsResult Validate(string? name, MavlinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string Prefix = MavlinkOptions.Section + ":";
        for (var i = 0; i < options.Connections.Count; i++)
        {
            if (!MavlinkConnectionString.TryParse(options.Connections[i], out _, out var error))
            {
                errors.Add($"{Prefix}Connections:{i}: {error}");
            }
        }
        if (options.SystemId is < 1 or > 255)
        {
            errors.Add($"{Prefix}SystemId is {options.SystemId}; it must be 1 to 255.");
        }
        if (options.ComponentId is < 1 or > 255)
        {
            errors.Add($"{Prefix}ComponentId is {options.ComponentId}; it must be 1 to 255.");
        }
        if (!(options.HeartbeatIntervalSeconds > 0))
        {
            errors.Add($"{Prefix}HeartbeatIntervalSeconds must be more than 0.");
        }
        if (!(options.LinkLossTimeoutSeconds > options.HeartbeatIntervalSeconds))
        {
            errors.Add($"{Prefix}LinkLossTimeoutSeconds ({options.LinkLossTimeoutSeconds}) must be longer than the heartbeat interval.");
        }
        var keys = new[] { options.SigningKeyHex, options.SigningKeyFile, options.SigningPassphrase }.Count(k => k is not null);
        if (keys > 1)
        {
            errors.Add($"{Prefix}SigningKeyHex, SigningKeyFile and SigningPassphrase: give at most one.");
        }
        if (options.SigningKeyHex is not null)
        {
            try
            {
                MavlinkSigningKey.FromHex(options.SigningKeyHex);
            }
            catch (FormatException ex)
            {
                errors.Add($"{Prefix}SigningKeyHex: {ex.Message}");
            }
        }
        if (options.SigningKeyFile is not null && !File.Exists(options.SigningKeyFile))
        {
            errors.Add($"{Prefix}SigningKeyFile: there is no file {options.SigningKeyFile}.");
        }
        if (options.SigningPolicy != MavlinkSigningPolicy.AcceptAll && keys == 0)
        {
            errors.Add($"{Prefix}SigningPolicy {options.SigningPolicy} needs a signing key (SigningKeyHex, SigningKeyFile or SigningPassphrase).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
