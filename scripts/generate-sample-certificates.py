#!/usr/bin/env python3
"""Generate the test certificate chains used by the sample policies and by the tests.

Usage:
    scripts/generate-sample-certificates.py                      # sample chains -> policies/identities/certs
    scripts/generate-sample-certificates.py --sample DIR         # sample chains -> DIR
    scripts/generate-sample-certificates.py --organization fabrikam   # the fabrikam example's chains
                                                                 #   -> examples/fabrikam/policies/certs
    scripts/generate-sample-certificates.py --fixtures DIR       # test fixtures -> DIR (sample untouched)
    scripts/generate-sample-certificates.py --sample DIR1 --fixtures DIR2   # both

    The compiler's fixtures live in Tests/TrustPolicyCompilerTests/Fixtures/certificates:
    scripts/generate-sample-certificates.py --fixtures Tests/TrustPolicyCompilerTests/Fixtures/certificates

Requires Python 3.9+ and the `cryptography` package (tested with 48).

Every key is ECDSA P-384 and every certificate is signed with ECDSA-SHA384 (Notation accepts
P-256/SHA-256, P-384/SHA-384, P-521/SHA-512 and RSA >= 2048). Validity dates are fixed, not
derived from today's date, so the files stay valid (or expired, for the fixtures meant to be
expired) for years. Keys are generated fresh on each run and kept in memory only: no private key
is ever written, except the deliberately bad inputs `private-key.pem` and `cert-and-key.pem` among
the fixtures, which hold one throwaway key that signs nothing else. Re-running the script
therefore produces new certificates (new keys and serial numbers) with the same subjects and dates.

Sample (the `contoso` organisation in policies/; CA certificates are referenced from
policies/identities/*.yaml, leaf chains are documentation only):
    prod-build-root-2025.pem        root, 2025-01-01..2029-01-01 (rotation in flight: old root)
    prod-build-root-2026.pem        root, 2026-01-01..2036-01-01 (rotation in flight: new root)
    staging-build-root.pem          root, 2025-01-01..2035-01-01
    dev-build-root.pem              root, 2025-01-01..2035-01-01
    payments-release-root.pem       root, 2025-01-01..2035-01-01
    tsa-root.pem                    timestamp authority root, 2025-01-01..2040-01-01
    leaf/<identity>[-<generation>]-chain.pem
                                    the code-signing leaf (subject == the identity's `subject`)
                                    followed by its issuing intermediate CA, i.e. the chain a
                                    signature carries (the root comes from the trust store)

Example organisation `fabrikam` (examples/fabrikam/policies, with --organization fabrikam):
    prod-release-root.pem           root, 2025-06-01..2035-06-01
    firmware-signing-root.pem       root, 2025-01-01..2040-01-01 (a signingAuthority trust store)
    nonprod-ci-root.pem             root, 2025-03-01..2030-03-01
    tsa-root.pem                    timestamp authority root, 2025-01-01..2040-01-01
    leaf/<identity>-chain.pem       as for the sample

Fixtures (see README.md written beside them):
    valid-root.pem, expired-root.pem, expiring-root.pem, not-yet-valid-root.pem, leaf-not-ca.pem,
    intermediate-ca.pem, two-certificates.pem, private-key.pem, cert-and-key.pem, truncated.pem,
    garbage.pem, der-root.der, der-root.pem, tsa-root.pem, tsa-not-root.pem, successor-root.pem
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE_DIR = REPO_ROOT / "policies" / "identities" / "certs"

CURVE = ec.SECP384R1()
HASH = hashes.SHA384()

ATTRIBUTE_OIDS = {
    "C": NameOID.COUNTRY_NAME,
    "ST": NameOID.STATE_OR_PROVINCE_NAME,
    "L": NameOID.LOCALITY_NAME,
    "O": NameOID.ORGANIZATION_NAME,
    "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
    "CN": NameOID.COMMON_NAME,
}


def name(dn: str) -> x509.Name:
    """Build an x509.Name from 'C=US, ST=WA, O=Org, CN=x' (simple DNs only: no escapes)."""
    attributes = []
    for part in dn.split(","):
        key, _, value = part.strip().partition("=")
        attributes.append(x509.NameAttribute(ATTRIBUTE_OIDS[key.strip()], value.strip()))
    return x509.Name(attributes)


def day(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)


@dataclass
class Issued:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey  # in memory only


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(CURVE)


def issue(
    subject: str,
    not_before: str,
    not_after: str,
    *,
    ca: bool,
    issuer: Issued | None = None,
    path_length: int | None = None,
    key: ec.EllipticCurvePrivateKey | None = None,
) -> Issued:
    """Issue a certificate; self-signed when `issuer` is None."""
    key = key or new_key()
    subject_name = name(subject)
    issuer_name = issuer.cert.subject if issuer else subject_name
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject_name)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(day(not_before))
        .not_valid_after(day(not_after))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
            critical=False,
        )
    )
    if ca:
        builder = builder.add_extension(
            x509.BasicConstraints(ca=True, path_length=path_length), critical=True
        ).add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    else:
        # A Notation code-signing leaf: digitalSignature, EKU codeSigning only.
        builder = (
            builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        )
    return Issued(builder.sign(signing_key, HASH), key)


def pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def write(directory: Path, filename: str, data: bytes, written: list[Path]) -> None:
    path = directory / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written.append(path)


# --------------------------------------------------------------------------------------------
# Sample organisation

@dataclass
class Organization:
    """The certificate chains of one sample organisation."""
    # The attributes every CA of the organisation shares, and its display name for CA names.
    base: str
    display: str
    default_directory: Path
    # Must equal the `subject` of the SigningIdentity of the same name.
    identity_subjects: dict[str, str]
    # (identity, generation suffix, root file, CA unit, root validity, intermediate validity, leaf validity)
    chains: list[tuple]
    tsa_validity: tuple[str, str] = ("2025-01-01", "2040-01-01")


ORGANIZATIONS = {
    # The sample in policies/.
    "contoso": Organization(
        base="C=US, ST=WA, L=Redmond, O=Contoso",
        display="Contoso",
        default_directory=DEFAULT_SAMPLE_DIR,
        identity_subjects={
            "prod-build": "C=US, ST=WA, L=Redmond, O=Contoso, OU=Production Build, CN=prod-build.contoso.com",
            "staging-build": "C=US, ST=WA, L=Redmond, O=Contoso, OU=Staging Build, CN=staging-build.contoso.com",
            "dev-build": "C=US, ST=WA, L=Redmond, O=Contoso, OU=Development Build, CN=dev-build.contoso.com",
            "payments-release": "C=US, ST=WA, L=Redmond, O=Contoso, OU=Payments Release, CN=payments-release.contoso.com",
        },
        chains=[
            ("prod-build", "2025", "prod-build-root-2025.pem", "Production Build",
             ("2025-01-01", "2029-01-01"), ("2025-01-01", "2028-01-01"), ("2025-01-01", "2027-07-01")),
            ("prod-build", "2026", "prod-build-root-2026.pem", "Production Build",
             ("2026-01-01", "2036-01-01"), ("2026-01-01", "2034-01-01"), ("2026-01-01", "2029-01-01")),
            ("staging-build", "", "staging-build-root.pem", "Staging Build",
             ("2025-01-01", "2035-01-01"), ("2025-01-01", "2033-01-01"), ("2025-01-01", "2028-01-01")),
            ("dev-build", "", "dev-build-root.pem", "Development Build",
             ("2025-01-01", "2035-01-01"), ("2025-01-01", "2033-01-01"), ("2025-01-01", "2028-01-01")),
            ("payments-release", "", "payments-release-root.pem", "Payments Release",
             ("2025-01-01", "2035-01-01"), ("2025-01-01", "2033-01-01"), ("2025-01-01", "2028-01-01")),
        ],
    ),
    # The second organisation in examples/fabrikam/policies.
    "fabrikam": Organization(
        base="C=GB, ST=England, L=London, O=Fabrikam",
        display="Fabrikam",
        default_directory=REPO_ROOT / "examples" / "fabrikam" / "policies" / "certs",
        identity_subjects={
            "prod-release": "C=GB, ST=England, L=London, O=Fabrikam, OU=Release Engineering, CN=release.fabrikam.com",
            "firmware-signing": "C=GB, ST=England, L=London, O=Fabrikam, OU=Firmware Signing, CN=firmware.fabrikam.com",
            "nonprod-ci": "C=GB, ST=England, L=London, O=Fabrikam, OU=Continuous Integration, CN=ci.fabrikam.com",
        },
        chains=[
            ("prod-release", "", "prod-release-root.pem", "Release Engineering",
             ("2025-06-01", "2035-06-01"), ("2025-06-01", "2033-06-01"), ("2025-06-01", "2028-06-01")),
            ("firmware-signing", "", "firmware-signing-root.pem", "Firmware Signing",
             ("2025-01-01", "2040-01-01"), ("2025-01-01", "2035-01-01"), ("2025-01-01", "2030-01-01")),
            ("nonprod-ci", "", "nonprod-ci-root.pem", "Continuous Integration",
             ("2025-03-01", "2030-03-01"), ("2025-03-01", "2029-03-01"), ("2025-03-01", "2028-03-01")),
        ],
    ),
}

# The sample's subjects, as before (other code may import them).
IDENTITY_SUBJECTS = ORGANIZATIONS["contoso"].identity_subjects
SAMPLE_CHAINS = ORGANIZATIONS["contoso"].chains


def generate_sample(directory: Path, organization: Organization = ORGANIZATIONS["contoso"]) -> list[Path]:
    written: list[Path] = []
    for identity, generation, root_file, unit, root_days, intermediate_days, leaf_days in organization.chains:
        suffix = f" {generation}" if generation else ""
        base = f"{organization.base}, OU={unit}"
        root = issue(f"{base}, CN={organization.display} {unit} Root CA{suffix}", *root_days, ca=True)
        intermediate = issue(
            f"{base}, CN={organization.display} {unit} Issuing CA{suffix}", *intermediate_days,
            ca=True, issuer=root, path_length=0,
        )
        leaf = issue(organization.identity_subjects[identity], *leaf_days, ca=False, issuer=intermediate)
        write(directory, root_file, pem(root.cert), written)
        chain_name = f"{identity}-{generation}-chain.pem" if generation else f"{identity}-chain.pem"
        write(directory / "leaf", chain_name, pem(leaf.cert, intermediate.cert), written)

    tsa = issue(
        f"{organization.base}, OU=Timestamping, CN={organization.display} Timestamp Authority Root CA",
        *organization.tsa_validity, ca=True,
    )
    write(directory, "tsa-root.pem", pem(tsa.cert), written)
    return written


# --------------------------------------------------------------------------------------------
# Test fixtures

FIXTURES_README = """\
# Certificate fixtures

Generated by `scripts/generate-sample-certificates.py --fixtures <this directory>`; regenerate
rather than edit. Keys are ECDSA P-384, signatures ECDSA-SHA384; subjects are
`C=US, ST=WA, O=Fixture, CN=<name>`. Validity dates are fixed (UTC, midnight).

| File | Content |
|---|---|
| `valid-root.pem` | self-signed root CA, 2025-01-01..2035-01-01 |
| `expired-root.pem` | self-signed root CA, 2020-01-01..2021-01-01 |
| `expiring-root.pem` | self-signed root CA, 2025-01-01..2026-12-10 |
| `not-yet-valid-root.pem` | self-signed root CA, 2030-01-01..2040-01-01 |
| `leaf-not-ca.pem` | end-entity code-signing certificate (CA:FALSE), signed by valid-root, 2025-01-01..2035-01-01 |
| `intermediate-ca.pem` | intermediate CA (CA:TRUE, pathlen 0) signed by valid-root, 2025-01-01..2035-01-01 |
| `two-certificates.pem` | valid-root followed by intermediate-ca |
| `private-key.pem` | only a PKCS#8 private key (a bad input; throwaway key) |
| `cert-and-key.pem` | a self-signed root CA (CN=cert-and-key) followed by its private key (the same throwaway key as private-key.pem) |
| `truncated.pem` | valid-root's PEM with its last 3 lines removed (no END line) |
| `garbage.pem` | text that is not PEM |
| `der-root.der` | valid-root, DER-encoded |
| `der-root.pem` | the same DER bytes under a .pem name |
| `tsa-root.pem` | self-signed root CA for a timestamp authority, 2025-01-01..2040-01-01 |
| `tsa-not-root.pem` | a CA signed by valid-root (not self-signed), 2025-01-01..2035-01-01 |
| `successor-root.pem` | self-signed root CA, 2035-01-01..2045-01-01: starts when valid-root expires (a rotation without overlap) |

The only private key in this directory is the throwaway key in `private-key.pem` and
`cert-and-key.pem`; it signs nothing else.
"""

GARBAGE = b"""\
This is not a PEM file.
It has no -----BEGIN line, no base64 payload and no -----END line.
trustc must report it as an unreadable certificate, not crash.
"""


def fixture_subject(cn: str) -> str:
    return f"C=US, ST=WA, O=Fixture, CN={cn}"


def generate_fixtures(directory: Path) -> list[Path]:
    written: list[Path] = []
    valid = issue(fixture_subject("valid-root"), "2025-01-01", "2035-01-01", ca=True)
    expired = issue(fixture_subject("expired-root"), "2020-01-01", "2021-01-01", ca=True)
    expiring = issue(fixture_subject("expiring-root"), "2025-01-01", "2026-12-10", ca=True)
    not_yet = issue(fixture_subject("not-yet-valid-root"), "2030-01-01", "2040-01-01", ca=True)
    leaf = issue(fixture_subject("leaf-not-ca"), "2025-01-01", "2035-01-01", ca=False, issuer=valid)
    intermediate = issue(
        fixture_subject("intermediate-ca"), "2025-01-01", "2035-01-01",
        ca=True, issuer=valid, path_length=0,
    )
    tsa_root = issue(fixture_subject("tsa-root"), "2025-01-01", "2040-01-01", ca=True)
    tsa_not_root = issue(
        fixture_subject("tsa-not-root"), "2025-01-01", "2035-01-01",
        ca=True, issuer=valid, path_length=0,
    )
    successor = issue(fixture_subject("successor-root"), "2035-01-01", "2045-01-01", ca=True)
    # The one throwaway key that may be committed (bad-input fixtures only).
    throwaway = new_key()
    with_key = issue(fixture_subject("cert-and-key"), "2025-01-01", "2035-01-01", ca=True, key=throwaway)
    key_pem = throwaway.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )

    valid_pem = pem(valid.cert)
    valid_der = valid.cert.public_bytes(serialization.Encoding.DER)
    truncated = b"".join(valid_pem.splitlines(keepends=True)[:-3])

    write(directory, "valid-root.pem", valid_pem, written)
    write(directory, "expired-root.pem", pem(expired.cert), written)
    write(directory, "expiring-root.pem", pem(expiring.cert), written)
    write(directory, "not-yet-valid-root.pem", pem(not_yet.cert), written)
    write(directory, "leaf-not-ca.pem", pem(leaf.cert), written)
    write(directory, "intermediate-ca.pem", pem(intermediate.cert), written)
    write(directory, "two-certificates.pem", pem(valid.cert, intermediate.cert), written)
    write(directory, "private-key.pem", key_pem, written)
    write(directory, "cert-and-key.pem", pem(with_key.cert) + key_pem, written)
    write(directory, "truncated.pem", truncated, written)
    write(directory, "garbage.pem", GARBAGE, written)
    write(directory, "der-root.der", valid_der, written)
    write(directory, "der-root.pem", valid_der, written)
    write(directory, "tsa-root.pem", pem(tsa_root.cert), written)
    write(directory, "tsa-not-root.pem", pem(tsa_not_root.cert), written)
    write(directory, "successor-root.pem", pem(successor.cert), written)
    write(directory, "README.md", FIXTURES_README.encode(), written)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the sample organisation's certificate chains and/or the test fixtures.",
    )
    parser.add_argument("--sample", metavar="DIR", type=Path,
                        help=f"write the sample chains to DIR (default when --fixtures is not given: "
                             f"{DEFAULT_SAMPLE_DIR.relative_to(REPO_ROOT)}, or the organisation's own "
                             f"directory with --organization)")
    parser.add_argument("--organization", choices=sorted(ORGANIZATIONS), default="contoso",
                        help="whose chains --sample writes: contoso (policies/, the default) or fabrikam "
                             "(examples/fabrikam/policies/certs)")
    parser.add_argument("--fixtures", metavar="DIR", type=Path,
                        help="write the compiler's certificate test fixtures to DIR")
    args = parser.parse_args(argv)
    organization = ORGANIZATIONS[args.organization]
    sample_dir = args.sample
    if sample_dir is None and (args.fixtures is None or args.organization != "contoso"):
        sample_dir = organization.default_directory
    written: list[Path] = []
    if sample_dir is not None:
        written += generate_sample(sample_dir, organization)
    if args.fixtures is not None:
        written += generate_fixtures(args.fixtures)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
