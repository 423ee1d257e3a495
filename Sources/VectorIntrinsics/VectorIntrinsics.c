// Everything is in include/VectorIntrinsics.h, inlined into its Swift callers.
#include "VectorIntrinsics.h"
