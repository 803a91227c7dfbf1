#!/usr/bin/env python3
"""Write the sample registry inventory that `trustc audit` and `trustc explain` are shown with.

Usage:
    scripts/generate-sample-inventory.py [--out examples/inventory]

Writes, from the sample's real certificates (policies/identities/certs, and the fabrikam
example's for a root the sample does not trust):

    signatures.jsonl    one line per image, as examples/inventory/signatures.sh writes it: the
                        JSON `notation inspect REFERENCE -o json` prints, compacted, with the
                        image's `reference` added. Lines alternate between notation 1.x's shape
                        (`Signatures`, per-signature `mediaType`) and notation 2's
                        (`signatures`, `signatureEnvelopeType`, `contentType`). Every finding
                        kind of `trustc audit --now 2026-11-25` occurs, next to clean images,
                        plus one malformed line (a reference without a digest).
    payments-api.json   one image's `notation inspect -o json` as notation 1.3 prints it
                        (4-space indent, `Signatures`), for `trustc explain --signature`.

Fingerprints, subjects, issuers and expiry dates are those of the certificate files, printed
the way notation does (lowercase hex SHA-256 of the DER; Go's `pkix.Name.String()`; RFC 3339
UTC). Three certificates have no file, and their fingerprints are SHA-256 of a label: the
timestamp authority's signing certificate, and the leaf of a build bot whose subject no
identity declares (issued under the real prod-build 2026 intermediate). Digests are SHA-256 of
labels. Re-run after scripts/generate-sample-certificates.py (which makes new certificates).

Requires Python 3.9+ and the `cryptography` package.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parent.parent
CERTS = ROOT / "policies" / "identities" / "certs"
FABRIKAM = ROOT / "examples" / "fabrikam" / "policies" / "certs"

# Go's pkix.Name.String(): the attributes it names, most specific first.
GO_ORDER = [
    (NameOID.SERIAL_NUMBER, "SERIALNUMBER"), (NameOID.COMMON_NAME, "CN"),
    (NameOID.ORGANIZATIONAL_UNIT_NAME, "OU"), (NameOID.ORGANIZATION_NAME, "O"),
    (NameOID.POSTAL_CODE, "POSTALCODE"), (NameOID.STREET_ADDRESS, "STREET"),
    (NameOID.LOCALITY_NAME, "L"), (NameOID.STATE_OR_PROVINCE_NAME, "ST"), (NameOID.COUNTRY_NAME, "C"),
]


def go_escape(value: str) -> str:
    out = []
    for i, c in enumerate(value):
        if c in ',+"\\<>;' or (c == " " and i in (0, len(value) - 1)) or (c == "#" and i == 0):
            out.append("\\")
        out.append(c)
    return "".join(out)


def go_name(name: x509.Name) -> str:
    known = {oid for oid, _ in GO_ORDER}
    if any(attribute.oid not in known for attribute in name):
        raise SystemExit(f"{name.rfc4514_string()}: only the attributes Go names are supported")
    parts = []
    for oid, label in GO_ORDER:
        values = [attribute.value for attribute in name.get_attributes_for_oid(oid)]
        if values:
            parts.append("+".join(f"{label}={go_escape(v)}" for v in values))
    return ",".join(parts)


def rfc3339(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def load(path: Path) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(path.read_bytes())


def printed(certificate: x509.Certificate) -> dict:
    der = certificate.public_bytes(serialization.Encoding.DER)
    return {
        "SHA256Fingerprint": hashlib.sha256(der).hexdigest(),
        "issuedTo": go_name(certificate.subject),
        "issuedBy": go_name(certificate.issuer),
        "expiry": rfc3339(certificate.not_valid_after_utc),
    }


def synthetic(label: str, issued_to: str, issued_by: str, expiry: str) -> dict:
    return {"SHA256Fingerprint": hashlib.sha256(label.encode()).hexdigest(), "issuedTo": issued_to,
            "issuedBy": issued_by, "expiry": expiry}


def digest(label: str) -> str:
    return "sha256:" + hashlib.sha256(f"contoso-sample/{label}".encode()).hexdigest()


def chain(leaf_file: str, root_file: str, directory: Path = CERTS) -> list[dict]:
    """Leaf, intermediate and root, as a notation signature carries them."""
    return [printed(c) for c in load(directory / "leaf" / leaf_file)] + [printed(load(directory / root_file)[0])]


def signature(label: str, artifact: str, certificates: list[dict], signing_time: str, *, v2: bool,
              timestamp: dict | None = None, user_metadata: dict | None = None) -> dict:
    envelope = "application/jose+json"
    signed = {"signingScheme": "notary.x509", "signingTime": signing_time}
    unsigned = {"signingAgent": "notation-go/1.3.2"}
    if timestamp:
        unsigned["timestampSignature"] = timestamp
    result = {} if v2 else {"mediaType": envelope}
    result |= {"digest": digest("signature/" + label), "signatureAlgorithm": "ECDSA-SHA-384"}
    if v2:
        result["signatureEnvelopeType"] = envelope
        signed = {"contentType": "application/vnd.cncf.notary.payload.v1+json"} | signed
    result |= {
        "signedAttributes": dict(sorted(signed.items())),
        "userDefinedAttributes": user_metadata,
        "unsignedAttributes": dict(sorted(unsigned.items())),
        "certificates": certificates,
        "signedArtifact": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": artifact, "size": 1578},
    }
    return result


def document(reference: str | None, signatures: list[dict], *, v2: bool) -> dict:
    key = "signatures" if v2 else "Signatures"
    result = {"mediaType": "application/vnd.oci.image.manifest.v1+json", key: signatures}
    if reference is not None:
        result["reference"] = reference
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "inventory")
    args = parser.parse_args(argv)

    prod_2025 = chain("prod-build-2025-chain.pem", "prod-build-root-2025.pem")
    prod_2026 = chain("prod-build-2026-chain.pem", "prod-build-root-2026.pem")
    staging = chain("staging-build-chain.pem", "staging-build-root.pem")
    dev = chain("dev-build-chain.pem", "dev-build-root.pem")
    payments = chain("payments-release-chain.pem", "payments-release-root.pem")
    fabrikam = chain("prod-release-chain.pem", "prod-release-root.pem", FABRIKAM)
    tsa_root = printed(load(CERTS / "tsa-root.pem")[0])
    tsa_chain = [synthetic("contoso-sample/tsa-signing", "CN=Contoso Timestamp Authority 2026,OU=Timestamping,O=Contoso,L=Redmond,ST=WA,C=US",
                           tsa_root["issuedTo"], "2031-01-01T00:00:00Z"), tsa_root]
    # A build bot's certificate under the real prod-build 2026 intermediate: its subject is no identity's.
    bot = [synthetic("contoso-sample/release-bot", "CN=release-bot.contoso.com,OU=Production Build,O=Contoso,L=Redmond,ST=WA,C=US",
                     prod_2026[1]["issuedTo"], "2027-06-01T00:00:00Z")] + prod_2026[1:]

    def timestamp(time: str, end: str) -> dict:
        return {"timestamp": f"[{time}, {end}]", "certificates": tsa_chain}

    images = []

    def image(host: str, repository: str, signed: list[tuple], *, v2: bool, reference: str | None = None):
        label = f"{host}/{repository}"
        artifact = digest(label)
        signatures = [signature(f"{label}/{n}", artifact, certs, time, v2=v2, **extra)
                      for n, (certs, time, extra) in enumerate(signed)]
        images.append(document(reference or f"{label}@{artifact}", signatures, v2=v2))

    prod, staging_host, dev_host = "contosoprod.azurecr.io", "contosostaging.azurecr.io", "contosodev.azurecr.io"
    # Clean images.
    image(prod, "payments/api", [(payments, "2026-11-02T10:15:00Z",
                                  {"timestamp": timestamp("2026-11-02T10:15:00Z", "2026-11-02T10:15:01Z"),
                                   "user_metadata": {"io.contoso.build": "4711"}})], v2=False)
    image(prod, "payments/worker", [(prod_2026, "2026-11-03T08:00:00Z", {})], v2=True)
    image(prod, "checkout/web", [(prod_2026, "2026-11-04T09:30:00Z", {})], v2=False)
    image(staging_host, "search/indexer", [(staging, "2026-11-05T12:00:00Z", {})], v2=True)
    image(dev_host, "payments/api", [(dev, "2026-11-06T16:45:00Z", {})], v2=False)
    # unexpected-signer: checkout signs with prod-build, not payments-release.
    image(prod, "checkout/cart", [(prod_2026, "2026-11-07T07:00:00Z", {}), (payments, "2026-11-07T07:05:00Z", {})], v2=True)
    # unknown-signer (a root of another organisation) and unsigned (a warning: data's namespaces only warn).
    image(prod, "data/etl", [(fabrikam, "2026-11-08T11:00:00Z", {})], v2=False)
    # unknown-signer (a known root, a subject no identity declares) and unsigned (an error: platform-ingress denies).
    image(prod, "platform/external-dns", [(bot, "2026-11-09T13:20:00Z", {})], v2=True)
    # unsigned images: a warning (legacy-batch is in warn or off) and an error (payments denies in staging).
    image(prod, "data/legacy-batch", [], v2=False)
    image(staging_host, "payments/api", [], v2=True)
    # unowned-repository: search does not deploy to production.
    image(prod, "search/indexer", [(staging, "2026-11-10T10:00:00Z", {})], v2=False)
    # retiring-root: signed only under the prod-build 2025 root, which the 2026 root is replacing.
    image(prod, "platform/otel-collector", [(prod_2025, "2025-12-01T09:00:00Z", {})], v2=True)
    # foreign-registry.
    image("ghcr.io", "contoso/debug-tools", [(dev, "2026-11-11T15:00:00Z", {})], v2=False)
    # A malformed line: the reference has a tag, not a digest.
    image(prod, "payments/api", [(payments, "2026-11-12T10:00:00Z", {})], v2=False,
          reference=f"{prod}/payments/api:1.4.2")

    args.out.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(d, separators=(",", ":")) + "\n" for d in images)
    (args.out / "signatures.jsonl").write_text(lines)
    single = dict(images[0])
    del single["reference"]
    (args.out / "payments-api.json").write_text(json.dumps(single, indent=4) + "\n")
    print(f"{args.out / 'signatures.jsonl'}: {len(images)} lines")
    print(args.out / "payments-api.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
