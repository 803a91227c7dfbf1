#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SwiftASN1
import X509

/// Reads a certificate file's bytes into certificates and problems.
///
/// Every file of a policy repository is inspected once, so this never throws, never traps and
/// stays linear in the input: PEM blocks are located by their marker lines, base64 is decoded
/// by Foundation and DER by swift-asn1/swift-certificates.
public enum CertificateInspector {
    public static func inspect(_ bytes: [UInt8]) -> CertificateFileInspection {
        if bytes.allSatisfy(PEMSection.isWhitespace) {
            return CertificateFileInspection(certificates: [], problems: [.empty])
        }
        let sections = PEMSection.scan(bytes)
        var inspection = sections.isEmpty ? inspectDER(bytes) : inspectPEM(sections)
        if inspection.certificates.count > 1 {
            inspection.problems.append(.multipleCertificates(count: inspection.certificates.count))
        }
        return CertificateFileInspection(certificates: inspection.certificates, problems: inspection.problems)
    }

    private static func inspectPEM(
        _ sections: [PEMSection]
    ) -> (certificates: [InspectedCertificate], problems: [CertificateFileProblem]) {
        var certificates: [InspectedCertificate] = []
        var problems: [CertificateFileProblem] = []
        for section in sections {
            switch section {
            case .unterminated, .strayEnd:
                problems.append(.truncated)
            case .block(let label, let body) where label == "CERTIFICATE":
                guard let der = decodeBase64(body) else {
                    problems.append(.truncated)
                    continue
                }
                do {
                    certificates.append(InspectedCertificate(try Certificate(derEncoded: der), der: der))
                } catch {
                    problems.append(.unparseable(reason: readableReason(error)))
                }
            case .block(let label, _) where label.hasSuffix("PRIVATE KEY"):
                problems.append(.privateKey(label: label))
            case .block(let label, _):
                problems.append(.unexpectedBlock(label: label))
            }
        }
        return (certificates, problems)
    }

    /// A file without PEM markers may be one DER certificate or several concatenated, as
    /// Notation reads them. swift-asn1 parses exactly one element, so the bytes are wrapped in a
    /// SEQUENCE and its elements are the file's elements.
    private static func inspectDER(
        _ bytes: [UInt8]
    ) -> (certificates: [InspectedCertificate], problems: [CertificateFileProblem]) {
        let elements: ASN1NodeCollection
        do {
            var serializer = DER.Serializer()
            serializer.appendConstructedNode(identifier: .sequence) { $0.serializeRawBytes(bytes) }
            guard case .constructed(let nodes) = try DER.parse(serializer.serializedBytes).content else {
                return ([], [.notPEM])
            }
            elements = nodes
        } catch {
            return ([], [.notPEM])
        }

        var certificates: [InspectedCertificate] = []
        var problems: [CertificateFileProblem] = []
        for element in elements {
            do {
                let certificate = try Certificate(derEncoded: element)
                certificates.append(InspectedCertificate(certificate, der: Array(element.encodedBytes)))
            } catch {
                problems.append(.unparseable(reason: readableReason(error)))
            }
        }
        // Well-formed DER that holds no certificate (a DER key, say) is still not a certificate file.
        guard !certificates.isEmpty else { return ([], [.notPEM]) }
        return (certificates, [.der] + problems)
    }

    /// The base64 body of a block without its whitespace, decoded; nil if it does not decode.
    private static func decodeBase64(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        let text = body.filter { !PEMSection.isWhitespace($0) }
        guard text.allSatisfy({ $0 < 0x80 }), let data = Data(base64Encoded: String(decoding: text, as: UTF8.self))
        else { return nil }
        return Array(data)
    }

    /// swift-asn1 and swift-certificates errors print as `Type.code: reason file:line`; keep the
    /// part a user can act on.
    static func readableReason(_ error: any Error) -> String {
        var text = String(describing: error)
        if let range = text.range(of: ": "), text[..<range.lowerBound].hasPrefix("ASN1Error.")
            || text[..<range.lowerBound].hasPrefix("CertificateError.") {
            text = String(text[range.upperBound...])
        }
        // Drop the trailing " SomeFile.swift:123" source location.
        if let space = text.lastIndex(of: " ") {
            let location = text[text.index(after: space)...]
            if let colon = location.lastIndex(of: ":"), location[..<colon].hasSuffix(".swift"),
               !location[location.index(after: colon)...].isEmpty,
               location[location.index(after: colon)...].allSatisfy(\.isNumber) {
                text = String(text[..<space])
            }
        }
        return text.isEmpty ? "the certificate could not be parsed" : text
    }
}
