// libFuzzer's entry for programs that keep their own main (compiler-rt's FuzzerInterface.h).
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command line given, calling `callback` once per input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
