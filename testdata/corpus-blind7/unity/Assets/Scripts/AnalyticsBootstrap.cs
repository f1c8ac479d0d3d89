using UnityEngine;

public class AnalyticsBootstrap : MonoBehaviour
{
    void Awake()
    {
        Amplitude amplitude = Amplitude.getInstance();
        amplitude.setServerUrl("https://api2.amplitude.com");
        amplitude.logging = false;
        amplitude.trackSessionEvents(true);
        amplitude.init("60030012fa8e0ec7799e71269b7d3248");
    }
}
