#include "runtime/init/syscall_filter.hpp"

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <cerrno>
#include <vector>

namespace localec2::runtime::init {
namespace {

#if defined(__x86_64__)
constexpr unsigned kArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr unsigned kArch = AUDIT_ARCH_AARCH64;
#else
#error "lec2-init's syscall filter knows x86_64 and aarch64"
#endif

const std::vector<long>& Denied() {
  static const std::vector<long> denied = {
      __NR_keyctl,          __NR_add_key,        __NR_request_key,       __NR_bpf,
      __NR_perf_event_open, __NR_userfaultfd,    __NR_kexec_load,        __NR_init_module,
      __NR_finit_module,    __NR_delete_module,  __NR_open_by_handle_at, __NR_name_to_handle_at,
      __NR_fanotify_init,   __NR_io_uring_setup, __NR_io_uring_enter,    __NR_io_uring_register,
#ifdef __NR_kexec_file_load
      __NR_kexec_file_load,
#endif
  };
  return denied;
}

}  // namespace

bool InstallSyscallFilter() {
  std::vector<sock_filter> program;
  // Another ABI (i386 through int 0x80, or x32): refused whole, the numbers below would not mean the same.
  program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
  program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kArch, 1, 0));
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)));
  program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
#if defined(__x86_64__)
  program.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1));  // __X32_SYSCALL_BIT
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)));
#endif
  for (long nr : Denied()) {
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(nr), 0, 1));
    program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)));
  }
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  sock_fprog prog{static_cast<unsigned short>(program.size()), program.data()};
  // No PR_SET_NO_NEW_PRIVS: sudo must stay setuid. Root of the instance's user namespace may install it.
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) == 0;
}

}  // namespace localec2::runtime::init
