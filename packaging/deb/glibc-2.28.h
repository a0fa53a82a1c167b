/* Included into every C file of the Python built in the bullseye chroot (oldroot.sh), so that
 * it runs on glibc 2.28 (UOS 20) although linked against 2.31. glibc 2.29 gave exp, exp2,
 * log, log2 and pow new symbol versions (the same functions without the old SVID error
 * handling wrapper); the old versions are still in every later glibc, and Python checks
 * errno and the results itself, so binding to them changes nothing Python computes.
 * (sem_clockwait, 2.30, is turned off at configure instead: Python then uses sem_timedwait.) */
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
