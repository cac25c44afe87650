using System.Collections.Frozen;
using RafeCast.Mavlink.Framing;

namespace RafeCast.Mavlink.Signing;

/// <summary>What a link accepts unsigned.</summary>
public enum MavlinkSigningPolicy
{
    /// <summary>Unsigned frames are accepted; signed frames must still verify when a key is set.</summary>
    AcceptAll,

    /// <summary>Commands and mission, parameter and guidance writes must be signed; telemetry may be unsigned.</summary>
    RequireSignedForCommands,

    /// <summary>Every frame must be signed, except RADIO_STATUS, which radios inject unsigned (as the spec allows).</summary>
    RequireSignedForAll,
}

/// <summary>The verdict on one incoming frame.</summary>
/// <param name="Accepted">Whether the frame may be used.</param>
/// <param name="Check">What the signature check found.</param>
public readonly record struct SigningDecision(bool Accepted, SignatureCheck Check);

/// <summary>
/// Applies a link's <see cref="MavlinkSigningPolicy"/>: verifies signed frames when it has a key and decides
/// which unsigned frames may pass.
/// </summary>
public sealed class MavlinkSigningGate
{
    // Messages that change what a vehicle does or holds: ids from the common set (and MISSION_ITEM,
    // SET_MODE and friends from it that RafeCast's own dialect does not generate).
    private static readonly FrozenSet<uint> WriteMessages = new uint[]
    {
        11, // SET_MODE
        23, // PARAM_SET
        38, // MISSION_WRITE_PARTIAL_LIST
        39, // MISSION_ITEM
        41, // MISSION_SET_CURRENT
        44, // MISSION_COUNT
        45, // MISSION_CLEAR_ALL
        48, // SET_GPS_GLOBAL_ORIGIN
        69, // MANUAL_CONTROL
        70, // RC_CHANNELS_OVERRIDE
        73, // MISSION_ITEM_INT
        75, // COMMAND_INT
        76, // COMMAND_LONG
        82, // SET_ATTITUDE_TARGET
        84, // SET_POSITION_TARGET_LOCAL_NED
        86, // SET_POSITION_TARGET_GLOBAL_INT
        243, // SET_HOME_POSITION
        256, // SETUP_SIGNING
        323, // PARAM_EXT_SET
    }.ToFrozenSet();

    private const uint RadioStatusId = 109;

    public MavlinkSigningGate(MavlinkSigningPolicy policy, MavlinkSignatureVerifier? verifier)
    {
        if (policy != MavlinkSigningPolicy.AcceptAll && verifier is null)
        {
            throw new ArgumentException($"Signing policy {policy} needs a signing key to verify with.", nameof(verifier));
        }
        Policy = policy;
        Verifier = verifier;
    }

    /// <summary>A gate that accepts everything and verifies nothing.</summary>
    public static MavlinkSigningGate Open { get; } = new(MavlinkSigningPolicy.AcceptAll, null);

    public MavlinkSigningPolicy Policy { get; }

    public MavlinkSignatureVerifier? Verifier { get; }

    /// <summary>True for message ids that <see cref="MavlinkSigningPolicy.RequireSignedForCommands"/> protects.</summary>
    public static bool IsWriteMessage(uint messageId) => WriteMessages.Contains(messageId);

    public SigningDecision Evaluate(in MavlinkFrame frame)
    {
        if (frame.IsSigned)
        {
            if (Verifier is null)
            {
                return new SigningDecision(true, SignatureCheck.NotVerified);
            }
            var check = Verifier.Check(frame);
            return new SigningDecision(check == SignatureCheck.Valid, check);
        }
        var accepted = Policy switch
        {
            MavlinkSigningPolicy.AcceptAll => true,
            MavlinkSigningPolicy.RequireSignedForCommands => !IsWriteMessage(frame.MessageId),
            _ => frame.MessageId == RadioStatusId,
        };
        return new SigningDecision(accepted, SignatureCheck.Unsigned);
    }
}
