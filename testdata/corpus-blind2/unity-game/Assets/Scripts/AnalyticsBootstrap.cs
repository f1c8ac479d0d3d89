using UnityEngine;

/// <summary>
/// Boots the Amplitude Unity plugin before the first scene loads.
/// </summary>
public class AnalyticsBootstrap : MonoBehaviour
{
    [RuntimeInitializeOnLoadMethod(RuntimeInitializeLoadType.BeforeSceneLoad)]
    static void Init()
    {
        Amplitude amplitude = Amplitude.Instance;
        amplitude.logging = Debug.isDebugBuild;
        amplitude.setServerUrl("https://api2.amplitude.com");
        amplitude.trackSessionEvents(true);
        amplitude.init("b746f445efbe86b2deaeb5f203bc1b11");
    }
}
