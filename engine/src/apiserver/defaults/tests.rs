//! Tests of the decode defaults: a minimal manifest in, the defaulted object out.
