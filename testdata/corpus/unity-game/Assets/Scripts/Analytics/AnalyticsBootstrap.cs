using UnityEngine;

public class AnalyticsBootstrap : MonoBehaviour
{
    private const string AmplitudeApiKey = "c8a09e8caf2a4208ffddfe2fd99f7f29"; // want: api-key

    private void Awake()
    {
        Amplitude amplitude = Amplitude.getInstance();
        amplitude.setServerUrl("https://api2.amplitude.com");
        amplitude.logging = Debug.isDebugBuild;
        amplitude.trackSessionEvents(true);
        amplitude.init(AmplitudeApiKey);
    }
}
