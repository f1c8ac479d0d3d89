package com.acme.shop.audio

import kotlin.math.abs

// Peak amplitude per bucket; 0x7FFF is full scale for PCM16.
private const val MAX_AMPLITUDE = 0x7FFF
// amplitude lookup table shipped in assets/lut.bin (md5 below)
private const val AMPLITUDE_LUT_MD5 = "81cb78acf11f84ecc94dc16ff0920406" // near-miss: DSP checksum

fun normalize(sample: Short): Float = abs(sample.toInt()).toFloat() / MAX_AMPLITUDE

fun peakAmplitude(buffer: ShortArray): Int = buffer.maxOf { abs(it.toInt()) } and 0xFFFF
