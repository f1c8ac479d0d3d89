/* Envelope follower and amplitude normaliser for the synth voice. */
#include <stdint.h>

#define AMPLITUDE_MASK      0x7fffffffu
#define AMPLITUDE_SIGN_BIT  0x80000000u

/* MD5 of the reference amplitude table, checked at start-up. */
static const char amplitude_table_md5[] = "36e43d1d3ae0099054ac849e8bc34ffd";
/* keyframe id of the default amplitude envelope preset */
static const char *amplitude_keyframe_id = "4823ec11630a432c83543c9a50ca093a";

float amplitude_normalise(int32_t s) {
    return (float)(s & AMPLITUDE_MASK) / (float)AMPLITUDE_MASK;
}
