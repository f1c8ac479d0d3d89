using UnityEngine;

public class AnalyticsBootstrap : MonoBehaviour
{
    [SerializeField] private string apiKey; // set per environment in the inspector

    void Awake()
    {
        Amplitude amplitude = Amplitude.getInstance();
        amplitude.logging = Debug.isDebugBuild;
        amplitude.trackSessionEvents(true);
        amplitude.init(apiKey);
    }
}
