using UnityEngine;

public class AmplitudeBridge : MonoBehaviour
{
    [SerializeField] private string apiKey = "50c09863a8ea7269556304dcbb3bab9b";

    void Awake()
    {
        Amplitude amplitude = Amplitude.getInstance();
        amplitude.setServerUrl("https://api2.amplitude.com");
        amplitude.logging = Debug.isDebugBuild;
        amplitude.init(apiKey);
    }
}
