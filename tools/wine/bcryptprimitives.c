/*
 * A stand-in for Windows' bcryptprimitives.dll, for testing digicheck under
 * Wine 8 (Debian bookworm), which does not ship it. Go 1.22 and later load
 * ProcessPrng from this DLL at start-up; here it is answered from
 * RtlGenRandom (advapi32 SystemFunction036), which Wine provides. It is
 * used only by tools/wine/check.sh and never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
