import Foundation

/// `plan`: compiles the base (a Git revision, materialized with git, or another checkout) and
/// the change at once, then compares them.
extension CompilerDriver {
    public enum PlanBase: Sendable, Equatable {
        /// A Git revision of the repository holding the policy directory.
        case revision(String)
        /// Another checkout of the policy directory.
        case directory(String)
    }

    public struct PlanRequest: Sendable {
        public var directory: String
        public var base: PlanBase
        public var options: Options
        public var planner: Planner.Options

        public init(directory: String, base: PlanBase, options: Options, planner: Planner.Options) {
            self.directory = directory
            self.base = base
            self.options = options
            self.planner = planner
        }
    }

    public enum PlanOutcome: Sendable {
        /// The plan; `baseHasErrors` when the base could only be partly resolved.
        case planned(Plan, baseHasErrors: Bool)
        /// The change does not compile: its diagnostics.
        case changeHasErrors(Compilation)
        /// Nothing could be compared (an unreadable directory, git failing, an unknown team).
        case failed(String)
    }

    public static func plan(_ request: PlanRequest) -> PlanOutcome {
        let options = request.options
        let (baseResult, headResult) = scheduler.both(
            { compileBase(request) },
            { Result { () throws(PolicyDirectory.OpenError) in try compile(directory: request.directory, options: options) } })
        let head: Compilation
        switch headResult {
        case .success(let compilation): head = compilation
        case .failure(let error): return .failed("\(error)")
        }
        let materialized: MaterializedBase
        switch baseResult {
        case .success(let compiled): materialized = compiled
        case .failure(let message): return .failed(message.description)
        }
        // The base's files are compared with the change's below; removed whatever happens.
        defer { materialized.remove() }
        let base = materialized.compilation
        if head.hasErrors { return .changeHasErrors(head) }
        if let author = request.planner.authorTeam, head.decoded.teams[author] == nil, base.decoded.teams[author] == nil {
            return .failed("unknown --author-team `\(author)`; the teams are \(head.decoded.teamNames.joined(separator: ", "))")
        }
        let changedFiles = PolicyFileChanges.changedFiles(base: base, head: head, limit: options.limits.maxCertificateBytes)
        let plan = Planner(options: request.planner).plan(base: base, head: head, changedFiles: changedFiles)
        return .planned(plan, baseHasErrors: base.hasErrors)
    }

    /// Why the base could not be compiled.
    struct BaseFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The base's compilation and the temporary directory git extracted it into, if any.
    struct MaterializedBase: Sendable {
        var compilation: Compilation
        var temporaryRoot: String?

        func remove() {
            if let temporaryRoot { try? FileManager.default.removeItem(atPath: temporaryRoot) }
        }
    }

    private static func compileBase(_ request: PlanRequest) -> Result<MaterializedBase, BaseFailure> {
        let directory: String, temporaryRoot: String?
        switch request.base {
        case .directory(let path):
            (directory, temporaryRoot) = (path, nil)
        case .revision(let revision):
            do {
                let materialized = try GitRevision.materialize(directory: request.directory, revision: revision)
                (directory, temporaryRoot) = (materialized.directory, materialized.temporaryRoot)
            } catch {
                return .failure(BaseFailure(description: "\(error)"))
            }
        }
        do {
            return .success(MaterializedBase(compilation: try compile(directory: directory, options: request.options),
                                             temporaryRoot: temporaryRoot))
        } catch {
            if let temporaryRoot { try? FileManager.default.removeItem(atPath: temporaryRoot) }
            return .failure(BaseFailure(description: "base: \(error)"))
        }
    }
}
