/* Issue 15: thresholds on a large instance (being rewritten). */
#include <stdio.h>

int main(void)
{
    fprintf(stderr, "threshold_check: being rewritten\n");
    return 2;
}
