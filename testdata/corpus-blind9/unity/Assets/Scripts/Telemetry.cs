using UnityEngine;

public class Telemetry : MonoBehaviour {
    private const string ProdKey = "74f91a524e972c599a90475d0736eb36";
    private const string AssetBundleHash = "df38069d2dd3d82fa78638eb90bf6a48";

    void Awake() {
        Amplitude amplitude = Amplitude.getInstance();
        amplitude.init(ProdKey);
    }
}
