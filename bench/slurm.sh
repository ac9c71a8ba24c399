#!/bin/sh
# A one-node Slurm from Debian's packages (slurm-wlm, munge), started in a
# scratch directory, runs a sweep's emitted array script:
#
#   sh bench/slurm.sh [SPEC] [OUT]      (default bench/sweeps/smoke.json, build/slurm-sweep)
#
# 1. munged with its own key and socket, slurmctld and slurmd as root with
#    a slurm.conf of one node (this machine: its CPUs, 1 GB), all state,
#    logs and ports (16817, 16818) in the scratch directory, nothing under
#    /etc touched;
# 2. `python3 -m mentormatch.sweep SPEC --emit slurm --out OUT`, then
#    `sbatch --wait OUT/sweep.sbatch`, then `merge OUT`: the table;
# 3. the daemons stopped (by their pid files), the scratch directory kept
#    for its logs when something failed.
#
# Needs root (slurmd runs jobs as their user) and `apt-get install
# slurm-wlm munge`. Run from the source tree; with a build tree, set
# MENTORMATCH_LIBRARY=build/libmentormatch.so and PYTHONPATH=python.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
spec=${1:-$src/bench/sweeps/smoke.json}
out=${2:-$src/build/slurm-sweep}
python=${PYTHON:-/usr/bin/python3}
for cmd in munged slurmctld slurmd sbatch; do
    command -v "$cmd" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
    command -v "$cmd" >/dev/null 2>&1 ||
        { echo "slurm: no $cmd: apt-get install slurm-wlm munge" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "slurm: run as root (slurmd starts jobs as their user)" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/mm-slurm.XXXXXX")
chmod 700 "$dir"
host=$(hostname -s)
ok=0
stop() {
    for pid in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munged.pid"; do
        [ -s "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
    done
    if [ "$ok" -eq 1 ]; then rm -rf "$dir"; else echo "slurm: logs kept in $dir" >&2; fi
}
trap stop EXIT
trap 'exit 1' HUP INT TERM

# ---- munge: a key and a socket of its own
dd if=/dev/urandom of="$dir/munge.key" bs=128 count=1 2>/dev/null
chmod 600 "$dir/munge.key"
munged --force --key-file="$dir/munge.key" --socket="$dir/munge.sock" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed"

# ---- slurm: one node, this machine
mkdir -p "$dir/state" "$dir/spool"
cat >"$dir/slurm.conf" <<CONF
ClusterName=mentormatch
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$dir/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=mm Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld
slurmd
tries=0
until sinfo -h -o '%T' 2>/dev/null | grep -q idle; do
    tries=$((tries + 1))
    if [ "$tries" -gt 30 ]; then
        echo "slurm: the node did not come up in 30 s; sinfo says: $(sinfo 2>&1 | tr '\n' ' ')" >&2
        tail -n 5 "$dir"/slurmctld.log "$dir"/slurmd.log >&2 || true
        exit 1
    fi
    sleep 1
done
sinfo

# ---- the sweep
"$python" -m mentormatch.sweep "$spec" --emit slurm --out "$out"
sbatch --wait "$out/sweep.sbatch"
squeue
"$python" -m mentormatch.sweep merge "$out"
ok=1
