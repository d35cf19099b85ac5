#!/usr/bin/env python3
"""Reads a NIfTI file with nibabel and prints what nibabel sees, as JSON, for the tests to compare with what they wrote.

Usage: nibabel_read.py FILE [--values]
Prints: nibabel's version, the image class, shape, on-disk dtype, affine (and whether an sform/qform is coded), the
header fields as stored (sizeof_hdr, dim, datatype, bitpix, vox_offset and where nibabel reads the data from,
scl_slope/scl_inter and the scaling nibabel applies (null: none), qform/sform codes, pixdim, zooms, xyzt units,
descrip, magic, extensions), nibabel's own header diagnosis (empty when it finds no problem), the SHA-256 of the
stored values in file order (x fastest: Fortran order, little-endian) and, with --values, the values themselves.
The Python that runs it needs nibabel (packaging/install-deps.sh: pinned into .venv, or Debian's python3-nibabel).
"""
import hashlib
import json
import sys

import nibabel
import numpy


def main():
    path = sys.argv[1]
    image = nibabel.load(path)
    with nibabel.openers.ImageOpener(path) as f:
        header = nibabel.Nifti1Header.from_fileobj(f)  # the header as stored (the image keeps a normalized copy)
    stored = numpy.asanyarray(image.dataobj)  # the values as stored, before any scaling
    slope, inter = header.get_slope_inter()
    in_file_order = stored.ravel(order='F')
    out = {
        'nibabel': nibabel.__version__,
        'class': type(image).__name__,
        'shape': [int(n) for n in image.shape],
        'dtype': str(header.get_data_dtype().newbyteorder('=')),
        'byteorder': header.endianness,
        'affine': image.affine.tolist(),
        'sform': image.get_sform(coded=True)[0] is not None,
        'qform': image.get_qform(coded=True)[0] is not None,
        'sizeof_hdr': int(header['sizeof_hdr']),
        'dim': [int(n) for n in header['dim']],
        'datatype': int(header['datatype']),
        'bitpix': int(header['bitpix']),
        'vox_offset': float(header['vox_offset']),
        'data_offset': int(image.dataobj.offset),
        'scl_slope': float(header['scl_slope']),
        'scl_inter': float(header['scl_inter']),
        'slope': slope,
        'inter': inter,
        'qform_code': int(header['qform_code']),
        'sform_code': int(header['sform_code']),
        'pixdim': [float(v) for v in header['pixdim']],
        'zooms': [float(v) for v in header.get_zooms()],
        'xyzt_units': list(header.get_xyzt_units()),
        'descrip': header['descrip'].item().decode('latin-1'),
        'magic': header['magic'].item().decode('latin-1'),
        'extensions': len(header.extensions),
        'diagnosis': nibabel.Nifti1Header.diagnose_binaryblock(header.binaryblock),
        'sha256': hashlib.sha256(numpy.ascontiguousarray(in_file_order).astype(stored.dtype.newbyteorder('<'))
                                 .tobytes()).hexdigest(),
    }
    if '--values' in sys.argv[2:]:
        out['values'] = in_file_order.tolist()
    print(json.dumps(out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
