import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `nnbook repl` on a real pseudo-terminal: readline is active (prompt, completion) and Ctrl-C
/// interrupts a running `fit` without ending the session.
@Suite(.serialized) struct ReplTerminalTests {
  /// Everything the REPL writes to the terminal, collected by a background reader.
  final class Screen: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ bytes: [UInt8]) {
      lock.withLock { text += String(decoding: bytes, as: UTF8.self) }
    }

    var contents: String { lock.withLock { text } }

    /// Waits until the screen holds `needle` `count` times, or gives up after `seconds`.
    func wait(for needle: String, count: Int = 1, seconds: Double = 30) -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline {
        if contents.components(separatedBy: needle).count - 1 >= count { return true }
        usleep(20_000)
      }
      return false
    }
  }

  /// `nnbook` running on a pseudo-terminal: what it shows, and a keyboard to type into it.
  final class Session {
    let process: Process
    let master: Int32
    let screen: Screen

    /// Starts `nnbook` with `arguments` on a fresh pseudo-terminal, in `folder` if given.
    init(_ arguments: [String], in folder: URL? = nil) throws {
      var master: Int32 = 0
      var slave: Int32 = 0
      try #require(openpty(&master, &slave, nil, nil, nil) == 0)
      let home = try CommandLine.temporaryFolder()
      process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
      process.arguments = ["--wait", "--ctty", CommandLine.binary.path] + arguments
      process.environment = ["HOME": home.path, "TERM": "xterm", "PATH": "/usr/bin:/bin"]
      if let folder { process.currentDirectoryURL = folder }
      let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
      process.standardInput = terminal
      process.standardOutput = terminal
      process.standardError = terminal
      try process.run()
      close(slave)
      let screen = Screen()
      let reader = Thread { [master] in
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
          let count = read(master, &buffer, buffer.count)
          if count <= 0 { return }
          screen.append(Array(buffer[0..<count]))
        }
      }
      reader.start()
      (self.master, self.screen) = (master, screen)
    }

    func type(_ text: String) {
      _ = text.withCString { write(master, $0, strlen($0)) }
    }

    /// Waits up to 10 s for the process to end; whether it did.
    func waitForExit() -> Bool {
      let deadline = Date().addingTimeInterval(10)
      while process.isRunning && Date() < deadline { usleep(20_000) }
      return !process.isRunning
    }

    deinit {
      if process.isRunning { process.terminate() }
      close(master)
    }
  }

  @Test func readlinePromptsCompletesAndCtrlCInterruptsFit() throws {
    let session = try Session(["repl", "--color", "never"])
    let screen = session.screen
    #expect(screen.wait(for: "nnb> "), "the prompt appears: \(screen.contents)")
    session.type("x = moo\t")
    #expect(screen.wait(for: "x = moons"), "tab completes a built-in name: \(screen.contents)")
    session.type("(n: 2000)\n")
    #expect(screen.wait(for: "nnb> ", count: 2))
    session.type(
      "h = fit(mlp(inputs: 2, hidden: [64], outputs: 2), x, epochs: 10000000, log_every: 0)\n")
    usleep(700_000)
    session.type("\u{03}")
    #expect(
      screen.wait(for: "nnb> ", count: 3), "fit stops and the prompt returns: \(screen.contents)")
    session.type("h.stop\n")
    #expect(screen.wait(for: "interrupted at epoch"), "\(screen.contents)")
    session.type(":quit\n")
    #expect(session.waitForExit())
    #expect(session.process.terminationStatus == 0)
  }

  /// `test --review` asks about each changed output, and says so when an answer is none of its
  /// choices instead of asking again in silence.
  @Test func reviewExplainsAnAnswerItDoesNotKnow() throws {
    let folder = try CommandLine.temporaryFolder()
    try "```nnb\nprint(1 + 1)\n```\n\n```output\n3\n```\n".write(
      to: folder.appendingPathComponent("n.nnb"), atomically: true, encoding: .utf8)
    let session = try Session(["test", "--review", "n.nnb"], in: folder)
    let screen = session.screen
    #expect(screen.wait(for: "accept this output?"), "\(screen.contents)")
    session.type("x\n")
    #expect(screen.wait(for: "'x' is none of a, r, s, A and R"), "\(screen.contents)")
    #expect(screen.wait(for: "accept this output?", count: 2))
    session.type("R\n")
    #expect(session.waitForExit())
    #expect(session.process.terminationStatus == 1)
  }

  /// After a review, the report shows only the changes left unaccepted: an accepted cell's old
  /// diff is not printed under its PASS.
  @Test func reviewReportsOnlyTheChangesItDidNotAccept() throws {
    let folder = try CommandLine.temporaryFolder()
    let notebook = folder.appendingPathComponent("n.nnb")
    let twoChanges =
      "```nnb\n1 + 1\n```\n\n```output\n3\n```\n\n```nnb\n2 + 2\n```\n\n```output\n5\n```\n"
    try twoChanges.write(to: notebook, atomically: true, encoding: .utf8)
    let partly = try Session(["test", "--review", "n.nnb"], in: folder)
    #expect(partly.screen.wait(for: "accept this output?"), "\(partly.screen.contents)")
    partly.type("a\n")
    #expect(partly.screen.wait(for: "accept this output?", count: 2))
    partly.type("r\n")
    #expect(partly.waitForExit())
    #expect(partly.process.terminationStatus == 1)
    let report = partly.screen.contents
    #expect(
      report.contains("FAIL n.nnb") && report.contains("cell [2] output differs"), "\(report)")
    #expect(!report.contains("cell [1] output differs"), "\(report)")

    try twoChanges.write(to: notebook, atomically: true, encoding: .utf8)
    let wholly = try Session(["test", "--review", "n.nnb"], in: folder)
    #expect(wholly.screen.wait(for: "accept this output?"), "\(wholly.screen.contents)")
    wholly.type("A\n")
    #expect(wholly.waitForExit())
    #expect(wholly.process.terminationStatus == 0)
    #expect(wholly.screen.contents.contains("PASS n.nnb"))
    #expect(!wholly.screen.contents.contains("differs"), "\(wholly.screen.contents)")
  }
}
