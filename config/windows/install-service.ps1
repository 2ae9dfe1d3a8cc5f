<#
.SYNOPSIS
Installs onshi-device as the Windows service "OnshiDevice" from this unpacked zip, or removes it (-Uninstall).

.DESCRIPTION
Run in an administrator PowerShell, in the folder the zip was unpacked to:
    powershell -ExecutionPolicy Bypass -File .\install-service.ps1
It copies the programs (onshi-device.exe, onshi.exe, onshi-sim.exe) to -InstallDir, puts that folder on the
machine's PATH, writes %ProgramData%\OnshiDevice\appsettings.json once (never overwritten later), lets only
the service (LocalService), SYSTEM and Administrators into %ProgramData%\OnshiDevice (it holds the clinic
CA), creates the service with sc.exe (automatic start, restart 5 s after a failure) and starts it.
Run it again from a newer zip to upgrade: it stops the service, replaces the programs, keeps the settings.
-Uninstall stops and deletes the service and removes the programs and the PATH entry; it keeps
%ProgramData%\OnshiDevice (the clinic's settings and CA: back it up, then delete it by hand).
docs\OPERATIONS.md in this zip explains each step.
#>
[CmdletBinding()]
param(
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'OnshiDevice'),
    [switch] $Uninstall
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# One way of quoting arguments for sc.exe in Windows PowerShell 5.1 and PowerShell 7 (see $binPath below).
$PSNativeCommandArgumentPassing = 'Legacy'

$ServiceName = 'OnshiDevice'
$ServiceExe = 'onshi-device.exe'
$ConfigDir = Join-Path $env:ProgramData 'OnshiDevice'
# sc.exe's answer for a service that does not exist (ERROR_SERVICE_DOES_NOT_EXIST).
$NoSuchService = 1060

function Write-Step([string] $Text) { Write-Output "install-service: $Text" }

# sc.exe answers on standard output (and stderr stays unredirected: Windows PowerShell 5.1 turns a redirected
# native stderr line into an error under ErrorActionPreference Stop).
function Invoke-Sc([string[]] $Arguments, [int[]] $Accept = @(0)) {
    $answer = & sc.exe @Arguments | Out-String
    if ($Accept -notcontains $LASTEXITCODE) {
        throw "sc.exe $($Arguments -join ' ') failed (exit $LASTEXITCODE): $($answer.Trim())"
    }
    return $LASTEXITCODE
}

function Test-Administrator {
    # An administrator is a Windows notion: PowerShell 7 elsewhere (where the project's tests run this script
    # with stand-ins for sc.exe and icacls.exe) has no such check. Windows PowerShell 5.1 has no $IsWindows.
    if ($PSVersionTable.PSEdition -eq 'Core' -and -not $IsWindows) { return $true }
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    return ([Security.Principal.WindowsPrincipal] $identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

function Wait-Stopped {
    # sc.exe stop only asks; the programs can be replaced once the service says STOPPED (at most 30 s: its stop limit).
    for ($i = 0; $i -lt 60; $i++) {
        if ((& sc.exe query $ServiceName | Out-String) -match 'STOPPED') { return }
        Start-Sleep -Milliseconds 500
    }
    throw "install-service: the service $ServiceName did not stop within 30 s"
}

function Get-MachinePath { [Environment]::GetEnvironmentVariable('Path', 'Machine') }
function Set-MachinePath([string] $Value) { [Environment]::SetEnvironmentVariable('Path', $Value, 'Machine') }
function Get-PathEntries { @((Get-MachinePath) -split ';' | Where-Object { $_ -ne '' }) }

if (-not (Test-Administrator)) {
    throw 'install-service: run this in an administrator PowerShell (it creates a Windows service).'
}

if ($Uninstall) {
    if ((Invoke-Sc @('query', $ServiceName) -Accept @(0, $NoSuchService)) -eq $NoSuchService) {
        Write-Step "there is no service $ServiceName"
    } else {
        # 1062: the service was not running.
        Invoke-Sc @('stop', $ServiceName) -Accept @(0, 1062) | Out-Null
        Wait-Stopped
        Invoke-Sc @('delete', $ServiceName) | Out-Null
        Write-Step "stopped and deleted the service $ServiceName"
    }
    $entries = Get-PathEntries
    if ($entries -contains $InstallDir) {
        Set-MachinePath ((@($entries | Where-Object { $_ -ne $InstallDir })) -join ';')
        Write-Step "removed $InstallDir from the machine's PATH"
    }
    if (Test-Path -LiteralPath $InstallDir) {
        Remove-Item -LiteralPath $InstallDir -Recurse -Force
        Write-Step "removed $InstallDir"
    }
    Write-Step "kept $ConfigDir (the clinic's settings and CA): back it up, then delete it by hand when no longer wanted"
    return
}

$source = Join-Path $PSScriptRoot 'programs'
if (-not (Test-Path -LiteralPath (Join-Path $source $ServiceExe))) {
    throw "install-service: $ServiceExe is not in $source; run the script from the unpacked zip"
}
$kind = Join-Path $PSScriptRoot 'PACKAGE.txt'
if (Test-Path -LiteralPath $kind) { Write-Step (Get-Content -LiteralPath $kind -Raw).Trim() }

$exists = (Invoke-Sc @('query', $ServiceName) -Accept @(0, $NoSuchService)) -ne $NoSuchService
if ($exists) {
    Invoke-Sc @('stop', $ServiceName) -Accept @(0, 1062) | Out-Null
    Wait-Stopped
    Write-Step "stopped the service $ServiceName to replace its programs"
}

New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item -Path (Join-Path $source '*') -Destination $InstallDir -Recurse -Force
New-Item -ItemType Directory -Force -Path (Join-Path $InstallDir 'docs') | Out-Null
Copy-Item -Path (Join-Path (Join-Path $PSScriptRoot 'docs') '*') -Destination (Join-Path $InstallDir 'docs') -Recurse -Force
Write-Step "copied the programs to $InstallDir"

if ((Get-PathEntries) -notcontains $InstallDir) {
    Set-MachinePath ((@(Get-PathEntries) + $InstallDir) -join ';')
    Write-Step "added $InstallDir to the machine's PATH (new terminals find onshi, onshi-sim and onshi-device)"
}

New-Item -ItemType Directory -Force -Path $ConfigDir | Out-Null
$settings = Join-Path $ConfigDir 'appsettings.json'
if (Test-Path -LiteralPath $settings) {
    Write-Step "kept the existing $settings"
} else {
    Copy-Item -LiteralPath (Join-Path (Join-Path $PSScriptRoot 'config') 'appsettings.json') -Destination $settings
    Write-Step "wrote $settings (set the Pki folders before going live)"
}
# SYSTEM, Administrators: full control; LocalService (the service's account): modify. No one else.
& icacls.exe $ConfigDir /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' '*S-1-5-19:(OI)(CI)M' | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls.exe $ConfigDir failed (exit $LASTEXITCODE)" }
Write-Step "limited $ConfigDir to the service (LocalService), SYSTEM and Administrators"

# sc.exe must receive the program's path in quotes (it has spaces: C:\Program Files). With the legacy way of passing
# arguments to programs (Windows PowerShell 5.1's only one; PowerShell 7 is told to use it above) an argument
# \"path\" reaches sc.exe as "path" whether or not the path has spaces.
$binPath = '\"' + (Join-Path $InstallDir $ServiceExe) + '\"'
if ($exists) {
    Invoke-Sc @('config', $ServiceName, 'binPath=', $binPath, 'start=', 'auto', 'obj=', 'NT AUTHORITY\LocalService') | Out-Null
    Write-Step "updated the service $ServiceName ($(Join-Path $InstallDir $ServiceExe))"
} else {
    Invoke-Sc @('create', $ServiceName, 'binPath=', $binPath, 'start=', 'auto', 'obj=', 'NT AUTHORITY\LocalService', 'DisplayName=', 'OnshiDevice device service') | Out-Null
    Write-Step "created the service $ServiceName ($(Join-Path $InstallDir $ServiceExe), automatic start, account LocalService)"
}
Invoke-Sc @('description', $ServiceName, 'Card readers, My Number and HPKI cards for the online eligibility check (gRPC on the named pipe onshi-device).') | Out-Null
Invoke-Sc @('failure', $ServiceName, 'reset=', '86400', 'actions=', 'restart/5000') | Out-Null
Write-Step 'the service restarts 5 s after a failure'
Invoke-Sc @('start', $ServiceName) | Out-Null
Write-Step "started the service $ServiceName"
Write-Step 'check it in a new terminal: onshi readers, onshi health; logs: Event Viewer, Windows Logs, Application, source OnshiDevice'
