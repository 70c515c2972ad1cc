; Inno Setup 6 script: installs the PyInstaller bundle (dist\hiprehab\) for the current user,
; with no administrator rights, and registers hiprehab's routine files (*.hiprehab.toml).
;
;   make bundle                                   (on Windows: builds dist\hiprehab\hiprehab.exe)
;   iscc /DAppVersion=0.1.0 packaging\windows\hiprehab.iss
;
; The installer is dist\hiprehab-<version>-setup.exe. See packaging/README.md, "macOS and
; Windows: opening routine files". tests/test_windows_installer.py reads this file's [Setup] and
; [Registry] sections: keep one entry per line.
;
; Per user: the app goes to {userpf} (%LOCALAPPDATA%\Programs\hiprehab; not
; %LOCALAPPDATA%\hiprehab, which holds the user's history), the Start-menu entry to the user's
; own Programs folder, and the file type to HKCU\Software\Classes, which Windows merges into
; HKEY_CLASSES_ROOT for this user only.
;
; What is registered, and what is not:
; - .hiprehab.toml -> the ProgID io.github.hiprehab.routine ("hiprehab routine", the app's icon,
;   open: "hiprehab.exe" "%1"), with its MIME type application/x-hiprehab-routine;
; - hiprehab is added to the "Open with" list of .toml files (OpenWithProgids and the
;   Applications\hiprehab.exe SupportedTypes) and never made their default: the default of the
;   .toml key is not written, so a pyproject.toml still opens in the user's editor.
; Pitfall: Explorer types a file by what follows its LAST dot (PathFindExtension), so a
; double-click on knee.hiprehab.toml follows the .toml association, not the .hiprehab.toml one;
; the user picks hiprehab under "Open with" (or drops the file on the window). The README says
; so.

#ifndef AppVersion
  ; the version of the app in the bundle; tests/test_windows_installer.py keeps it equal to
  ; hiprehab.__version__. A release passes /DAppVersion=... instead.
  #define AppVersion "0.1.0"
#endif
#define AppName "hiprehab"
#define AppExe "hiprehab.exe"
#define ProgId "io.github.hiprehab.routine"
#define BundleDir "..\..\dist\hiprehab"

[Setup]
AppId={{A5C4134C-1D07-4AEF-B4D5-2299F3F5714B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The hiprehab developers
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\..\assets\icons\hiprehab.ico
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=hiprehab-{#AppVersion}-setup
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[CustomMessages]
english.RoutineFile=hiprehab routine
german.RoutineFile=hiprehab-Programm

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Software\Classes\.hiprehab.toml"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\.hiprehab.toml"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-hiprehab-routine"
Root: HKCU; Subkey: "Software\Classes\.hiprehab.toml"; ValueType: string; ValueName: "PerceivedType"; ValueData: "text"
Root: HKCU; Subkey: "Software\Classes\.hiprehab.toml\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:RoutineFile}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\.toml\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".hiprehab.toml"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".toml"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
