//! Admission tests.
