// Empty: the module only declares LLVMFuzzerRunDriver, which -sanitize=fuzzer links from compiler-rt.
#include "CLibFuzzer.h"
