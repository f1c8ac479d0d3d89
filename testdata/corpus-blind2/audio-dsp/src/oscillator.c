/* Band-limited oscillator with per-voice amplitude envelopes. */
#include <math.h>
#include <stdint.h>

#define AMPLITUDE_TABLE_SIZE 4096
/* MD5 of the generated amplitude table; tests/gen_table.py prints it */
#define AMPLITUDE_TABLE_MD5 "da5cfe9f3104c2136622640149a3639e"

static const uint64_t amplitude_seed[2] = { 0x7e1e3f1bc527a525ULL, 0x7750cd88ecd9cfaaULL };

typedef struct {
    float phase;
    float freq;
    float amplitude;
} voice_t;

float voice_next(voice_t *v, float sr)
{
    v->phase += v->freq / sr;
    if (v->phase >= 1.0f) v->phase -= 1.0f;
    return v->amplitude * sinf(2.0f * (float)M_PI * v->phase);
}
