/// CMS laboratory certification code (record layout field 14, columns 181-204: up to eight
/// 3-digit codes): the specialty certification a lab needs to perform the test. A lab certified
/// for a group (`100`) may perform the tests of its subgroups (`110`, `120`, ...).
public enum LabCertificationCode: String, Hashable, Sendable, CaseIterable {
    case histocompatibilityTesting = "010"
    case microbiology = "100"
    case bacteriology = "110"
    case mycobacteriology = "115"
    case mycology = "120"
    case parasitology = "130"
    case virology = "140"
    case otherMicrobiology = "150"
    case diagnosticImmunology = "200"
    case syphilisSerology = "210"
    case generalImmunology = "220"
    case chemistry = "300"
    case routineChemistry = "310"
    case urinalysis = "320"
    case endocrinology = "330"
    case toxicology = "340"
    case otherChemistry = "350"
    case hematology = "400"
    case immunohematology = "500"
    case aboGroupAndRhType = "510"
    case antibodyDetectionTransfusion = "520"
    case antibodyDetectionNontransfusion = "530"
    case antibodyIdentification = "540"
    case compatibilityTesting = "550"
    case otherImmunohematology = "560"
    case pathology = "600"
    case histopathology = "610"
    case oralPathology = "620"
    case cytology = "630"
    case radiobioassay = "800"
    case clinicalCytogenetics = "900"

    /// The meaning given in the 2019 record layout.
    public var meaning: String {
        switch self {
        case .histocompatibilityTesting: "Histocompatibility testing"
        case .microbiology: "Microbiology"
        case .bacteriology: "Bacteriology"
        case .mycobacteriology: "Mycobacteriology"
        case .mycology: "Mycology"
        case .parasitology: "Parasitology"
        case .virology: "Virology"
        case .otherMicrobiology: "Other microbiology"
        case .diagnosticImmunology: "Diagnostic immunology"
        case .syphilisSerology: "Syphilis serology"
        case .generalImmunology: "General immunology"
        case .chemistry: "Chemistry"
        case .routineChemistry: "Routine chemistry"
        case .urinalysis: "Urinalysis"
        case .endocrinology: "Endocrinology"
        case .toxicology: "Toxicology"
        case .otherChemistry: "Other chemistry"
        case .hematology: "Hematology"
        case .immunohematology: "Immunohematology"
        case .aboGroupAndRhType: "ABO group & Rh type"
        case .antibodyDetectionTransfusion: "Antibody detection (transfusion)"
        case .antibodyDetectionNontransfusion: "Antibody detection (nontransfusion)"
        case .antibodyIdentification: "Antibody identification"
        case .compatibilityTesting: "Compatibility testing"
        case .otherImmunohematology: "Other immunohematology"
        case .pathology: "Pathology"
        case .histopathology: "Histopathology"
        case .oralPathology: "Oral pathology"
        case .cytology: "Cytology"
        case .radiobioassay: "Radiobioassay"
        case .clinicalCytogenetics: "Clinical cytogenetics"
        }
    }

    /// The group a subgroup belongs to (`110` -> `100`); nil for a group or a stand-alone code.
    var group: LabCertificationCode? {
        let digits = Array(rawValue.utf8)
        guard digits[0] != UInt8(ascii: "0"), digits[1] != UInt8(ascii: "0") || digits[2] != UInt8(ascii: "0") else { return nil }
        return LabCertificationCode(rawValue: String(decoding: [digits[0], UInt8(ascii: "0"), UInt8(ascii: "0")], as: UTF8.self))
    }
}
