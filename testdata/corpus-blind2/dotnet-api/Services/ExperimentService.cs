using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Acme.Api.Services;

/// <summary>
/// Remote evaluation against Amplitude Experiment. There is no official .NET
/// SDK, so this calls the evaluation endpoint directly.
/// </summary>
public sealed class ExperimentService
{
    private const string EvaluationUrl = "https://api.lab.amplitude.com/v1/vardata";

    private static readonly HttpClient Http = new()
    {
        Timeout = TimeSpan.FromSeconds(2),
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue("Api-Key", "server-zdDSjkKSZD6DhzbtPeeaiweTZGRMSdAb")
        }
    };

    public async Task<JsonElement> VariantsAsync(string userId, CancellationToken ct)
    {
        var url = $"{EvaluationUrl}?user_id={Uri.EscapeDataString(userId)}";
        return await Http.GetFromJsonAsync<JsonElement>(url, ct);
    }
}
