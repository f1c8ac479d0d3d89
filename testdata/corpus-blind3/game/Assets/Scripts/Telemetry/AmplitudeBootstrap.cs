using UnityEngine;

namespace Acme.Telemetry
{
    public class AmplitudeBootstrap : MonoBehaviour
    {
        [SerializeField] private string apiKey = "";
        [SerializeField] private bool logInEditor;

        private void Awake()
        {
            if (string.IsNullOrEmpty(apiKey))
            {
                Debug.LogWarning("Amplitude: no key set on the bootstrap object");
                return;
            }
            Amplitude amplitude = Amplitude.getInstance();
            amplitude.logging = logInEditor && Application.isEditor;
            amplitude.trackSessionEvents(true);
            amplitude.init(apiKey);
            DontDestroyOnLoad(gameObject);
        }
    }
}
