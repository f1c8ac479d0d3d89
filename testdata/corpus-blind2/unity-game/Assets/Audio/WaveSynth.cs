using UnityEngine;

[RequireComponent(typeof(AudioSource))]
public class WaveSynth : MonoBehaviour
{
    [Range(0f, 1f)] public float amplitude = 0.25f;
    public float frequency = 440f;

    // Checksum of Resources/presets.bytes; the loader refuses a bank whose amplitude tables changed.
    const string PresetBankMd5 = "fe67d96c85bf2762826a98e99b7d202b";

    // 0x1p-31 as raw bits, used to normalise the noise amplitude
    const uint NoiseScaleBits = 0x30000000;

    double phase;
    int sampleRate;

    void Awake() => sampleRate = AudioSettings.outputSampleRate;

    void OnAudioFilterRead(float[] data, int channels)
    {
        double step = frequency * 2.0 * Mathf.PI / sampleRate;
        for (int i = 0; i < data.Length; i += channels)
        {
            phase += step;
            float s = amplitude * Mathf.Sin((float)phase);
            for (int c = 0; c < channels; c++) data[i + c] = s;
        }
    }
}
