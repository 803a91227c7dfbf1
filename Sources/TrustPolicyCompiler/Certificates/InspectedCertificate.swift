#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Crypto
import SwiftASN1
import X509

/// What trustc needs to know about one certificate, read once so that validation and rendering
/// never parse certificates again.
public struct InspectedCertificate: Sendable, Hashable {
    /// RFC 4514 form as swift-certificates prints it (most specific RDN first, `,` separated).
    public let subject: String
    public let issuer: String
    /// The serial number as lowercase hex, without the sign byte DER adds to a serial whose
    /// first bit is set (as `openssl x509 -serial` prints it, in lowercase).
    public let serialNumber: String
    /// Seconds since 1970 UTC.
    public let notValidBefore: Double
    public let notValidAfter: Double
    /// BasicConstraints says cA=true (Notation's trust stores accept CA or self-signed certificates).
    public let isCA: Bool
    /// Subject equals issuer and the signature verifies with the certificate's own public key.
    public let isSelfSigned: Bool
    /// Lowercase hex of the SHA-256 of the DER, as `openssl x509 -fingerprint -sha256` shows it
    /// (without colons).
    public let sha256Fingerprint: String
    /// Normalised PEM: one CERTIFICATE block, 64-character lines, LF endings, final newline.
    public let pem: String
    /// The DER bytes exactly as they were in the file.
    public let der: [UInt8]

    /// The UTC date the certificate becomes valid.
    public var validFrom: CivilDate { CivilDate(secondsSinceEpoch: notValidBefore) }

    /// The UTC date the certificate stops being valid.
    public var validUntil: CivilDate { CivilDate(secondsSinceEpoch: notValidAfter) }

    init(_ certificate: Certificate, der: [UInt8]) {
        subject = String(describing: certificate.subject)
        issuer = String(describing: certificate.issuer)
        let serial = certificate.serialNumber.bytes.drop { $0 == 0 }
        serialNumber = serial.isEmpty ? "00" : Self.hex(serial)
        notValidBefore = certificate.notValidBefore.timeIntervalSince1970
        notValidAfter = certificate.notValidAfter.timeIntervalSince1970
        // A BasicConstraints extension that does not decode does not make a CA.
        if case .isCertificateAuthority = (try? certificate.extensions.basicConstraints) ?? nil {
            isCA = true
        } else {
            isCA = false
        }
        isSelfSigned = certificate.subject == certificate.issuer
            && certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
        sha256Fingerprint = Self.hex(SHA256.hash(data: der))
        pem = PEMDocument(type: "CERTIFICATE", derBytes: der).pemString + "\n"
        self.der = der
    }

    /// Two lowercase hex digits per byte.
    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }
}
