namespace RafeCast.Simulator.Vehicles;

/// <summary>Where a vehicle's finished frames go, in the order it wrote them. Implementations copy the bytes.</summary>
internal interface IFrameOutput
{
    void Send(ReadOnlySpan<byte> frame);
}

/// <summary>What a vehicle knows of and asks of its camera (VIDEO_STREAM_INFORMATION, start/stop streaming commands).</summary>
internal interface IVehicleCamera
{
    /// <summary>The stream URI as a ground station should open it.</summary>
    string Uri { get; }

    int Width { get; }

    int Height { get; }

    float FramesPerSecond { get; }

    int BitrateKbps { get; }

    bool IsStreaming { get; }

    void RequestStart();

    void RequestStop();
}
