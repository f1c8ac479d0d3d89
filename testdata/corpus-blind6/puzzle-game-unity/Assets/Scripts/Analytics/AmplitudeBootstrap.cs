using UnityEngine;

public class AmplitudeBootstrap : MonoBehaviour
{
    [SerializeField] private string amplitudeApiKey = "81f6b7dccdc7a0bfcc6795f169888ba7";

    // GameAnalytics keys (second vendor, kept during the migration)
    [SerializeField] private string gameAnalyticsGameKey = "36d42c6319fc683f910c969c26abc301";
    [SerializeField] private string gameAnalyticsSecretKey = "968f254476472a7a88dc7a7e858f13de15ecb308";

    void Awake()
    {
        Amplitude amplitude = Amplitude.getInstance();
        amplitude.setServerUrl("https://api2.amplitude.com");
        amplitude.logging = true;
        amplitude.trackSessionEvents(true);
        amplitude.init(amplitudeApiKey);
    }
}
