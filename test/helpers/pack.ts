/** The tarball packer shared with the demo and the benches (scripts/lib/pack-tarball.mjs). */
export { packTarball, type PackageFiles, type RawEntry } from '../../scripts/lib/pack-tarball.mjs';
