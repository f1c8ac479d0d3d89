// Shared env accessor used by the Next app and the Vite-based admin.
type Env = { amplitudeApiKey: string; serverZone: 'US' | 'EU' };

export function readEnv(): Env {
  const fromNext = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const fromVite = (import.meta as any).env ? import.meta.env.VITE_AMPLITUDE_API_KEY : undefined;
  return {
    amplitudeApiKey: fromNext ?? fromVite ?? '',
    serverZone: process.env.NEXT_PUBLIC_AMPLITUDE_SERVER_ZONE === 'EU' ? 'EU' : 'US',
  };
}
